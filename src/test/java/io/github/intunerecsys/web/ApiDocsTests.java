package io.github.intunerecsys.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ApiDocsTests {

    @Test
    void everyProblemExampleIsAProblemDocument() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        int examples = 0;
        for (Field f : ApiDocs.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getName().equals("PROBLEM")) {
                continue;
            }
            JsonNode example = json.readTree((String) f.get(null));
            assertThat(example.path("status").asInt()).as(f.getName()).isBetween(400, 599);
            assertThat(example.path("title").asString("")).as(f.getName()).isNotBlank();
            assertThat(example.path("detail").asString("")).as(f.getName()).isNotBlank();
            assertThat(example.path("instance").asString("")).as(f.getName()).startsWith("/");
            examples++;
        }
        assertThat(examples).isGreaterThanOrEqualTo(8);
    }
}
