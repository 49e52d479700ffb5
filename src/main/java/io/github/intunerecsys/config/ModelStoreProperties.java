package io.github.intunerecsys.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code intune.models.*} keys for model files and background retraining (beside {@link ModelProperties}, which
 * says how models are built).
 *
 * @param dir                 where trained CF models are written and loaded from (default {@code data/models})
 * @param retrainAfterRatings retrain once this many ratings were posted since the last training (0: never)
 * @param retrainInterval     also retrain this long after the last training if any rating was posted (0: never)
 * @param maxRmseRegression   a retrained model is rejected when its holdout RMSE exceeds the reference by more
 *                            than this fraction (default 0.02 = 2 %)
 * @param holdoutFraction     share of ratings held out to validate a retrained model (default 0.02)
 * @param keepFiles           model files kept per dataset, newest first (default 3)
 */
@ConfigurationProperties("intune.models")
public record ModelStoreProperties(
        @DefaultValue("data/models") Path dir,
        @DefaultValue("10000") int retrainAfterRatings,
        @DefaultValue("0s") Duration retrainInterval,
        @DefaultValue("0.02") double maxRmseRegression,
        @DefaultValue("0.02") double holdoutFraction,
        @DefaultValue("3") int keepFiles) {
}
