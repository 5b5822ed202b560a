package dev.mlops.functions.inference;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The functions log through SLF4J into Log4j with Powertools' JSON layout. With SLF4J 1.7 on the class path (the AWS
 * SDK's version) every log line and Powertools' MDC fields would silently go nowhere.
 */
class LoggingSetupTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void slf4jReachesLog4j() {
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).isEqualTo("org.apache.logging.slf4j.Log4jLoggerFactory");
        MDC.put("inferenceId", "abc");
        assertThat(ThreadContext.get("inferenceId")).as("Powertools' fields travel in the MDC").isEqualTo("abc");
    }

    @Test
    void functionsLogJsonInPowertoolsLayout() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        ConsoleAppender appender = context.getConfiguration().getAppender("JsonAppender");
        assertThat(appender).isNotNull();
        assertThat(appender.getLayout()).isInstanceOf(JsonTemplateLayout.class);
        assertThat(context.getConfiguration().getLoggerConfig("dev.mlops.functions.inference").getName()).isEqualTo("dev.mlops.functions");
    }
}
