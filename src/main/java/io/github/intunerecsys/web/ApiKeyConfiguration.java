package io.github.intunerecsys.web;

import io.github.intunerecsys.config.SecurityProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The API key on every handler and on actuator writes; binds {@code intune.security.*} (also in controller slices). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class ApiKeyConfiguration implements WebMvcConfigurer {

    private final SecurityProperties properties;

    ApiKeyConfiguration(SecurityProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ApiKeyInterceptor(properties));
    }

    /** The same key on actuator writes (the tuner's pause, resume, override), which interceptors don't reach. */
    @Bean
    FilterRegistrationBean<ActuatorWriteGuard> actuatorWriteGuard() {
        FilterRegistrationBean<ActuatorWriteGuard> bean =
                new FilterRegistrationBean<>(new ActuatorWriteGuard(new ApiKeyInterceptor(properties)));
        bean.addUrlPatterns("/actuator/*");
        return bean;
    }
}
