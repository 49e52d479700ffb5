package io.github.intunerecsys.web;

import io.github.intunerecsys.config.WebProperties;
import io.github.intunerecsys.recommend.RecommendationService;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * CORS for the configured origins, model-version ETags, and the OpenAPI header. Enables {@link WebProperties}
 * itself so controller slices ({@code @WebMvcTest}) get them too.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebProperties.class)
class WebConfiguration implements WebMvcConfigurer {

    private final WebProperties web;
    private final RecommendationService service;

    WebConfiguration(WebProperties web, RecommendationService service) {
        this.web = web;
        this.service = service;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (web.corsAllowedOrigins().isEmpty()) {
            return;
        }
        registry.addMapping("/**")
                .allowedOrigins(web.corsAllowedOrigins().toArray(String[]::new))
                .allowedMethods("GET", "HEAD", "OPTIONS")
                .exposedHeaders(HttpHeaders.ETAG, HttpHeaders.RETRY_AFTER)
                .maxAge(3600);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ModelVersionEtags(service, web)).excludePathPatterns("/error");
    }

    /** Tomcat's own error reports (oversized headers, bad request lines) as problem details, not HTML. */
    @Bean
    org.springframework.boot.web.server.WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    OpenAPI intuneOpenApi() {
        return new OpenAPI().info(new Info()
                .title("InTuneRecSys API")
                .version("v1")
                .description("Movie recommendations: similar titles (content), personal (collaborative filtering "
                        + "and hybrid) and the popularity chart. Errors are RFC 9457 problem details "
                        + "(application/problem+json) with extension members `suggestions`, `candidates`, "
                        + "`parameter` and `allowed`.")
                .license(new License().name("GPL-3.0-or-later").url("https://www.gnu.org/licenses/gpl-3.0.html")));
    }
}
