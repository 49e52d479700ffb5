package io.github.intunerecsys.feedback;

import io.github.intunerecsys.config.FeedbackProperties;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The feedback log as a bean: opened (and recovered) at start-up, closed — pending appends forced — on shutdown. */
@Configuration(proxyBeanMethods = false)
class FeedbackConfiguration {

    @Bean(destroyMethod = "close")
    FeedbackLog feedbackLog(FeedbackProperties p) throws IOException {
        FeedbackLogOptions options = new FeedbackLogOptions(FsyncPolicy.parse(p.fsync()), p.groupCommitInterval(),
                p.segmentBytes().toBytes(), p.keyIndexCapacity(), p.compactAfterSegments());
        return FeedbackLog.open(p.dir(), options);
    }
}
