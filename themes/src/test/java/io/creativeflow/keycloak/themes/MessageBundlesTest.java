package io.creativeflow.keycloak.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every key a theme defines in English exists in every other language we ship, and vice versa. */
class MessageBundlesTest {

    private static final String[] OTHER_LANGUAGES = {"de"};

    @ParameterizedTest
    @ValueSource(strings = {"login", "email", "account"})
    void everyLanguageHasEveryKey(String themeType) throws IOException {
        Properties english = bundle(themeType, "en");
        assertThat(english).isNotEmpty();
        for (String language : OTHER_LANGUAGES) {
            Properties other = bundle(themeType, language);
            assertThat(other.keySet())
                    .as("%s keys of messages_%s", themeType, language)
                    .containsExactlyInAnyOrderElementsOf(english.keySet());
            other.forEach((key, value) -> assertThat(value.toString())
                    .as("%s/%s %s", themeType, language, key).isNotBlank());
        }
    }

    private static Properties bundle(String themeType, String language) throws IOException {
        String path = "/theme/creativeflow/" + themeType + "/messages/messages_" + language + ".properties";
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            properties.load(in);
        }
        return properties;
    }
}
