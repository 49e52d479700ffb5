package io.github.intunerecsys.recommend;

import io.github.intunerecsys.catalog.DatasetSummary;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/** Adds the dataset summary and the model version to {@code /actuator/info}. */
@Component
class DatasetInfoContributor implements InfoContributor {

    private final ModelHolder holder;

    DatasetInfoContributor(ModelHolder holder) {
        this.holder = holder;
    }

    @Override
    public void contribute(Info.Builder builder) {
        holder.current().ifPresentOrElse(s -> {
            builder.withDetail("dataset", DatasetSummary.of(s.dataset()));
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("version", s.version());
            model.put("builtAt", s.builtAt().toString());
            model.put("buildSeconds", s.buildTime().toMillis() / 1000.0);
            model.put("trainingSeconds", s.trainingSeconds());
            builder.withDetail("model", model);
        }, () -> builder.withDetail("dataset", Map.of("state", holder.failure().map(f -> "failed: " + f).orElse("loading"))));
    }
}
