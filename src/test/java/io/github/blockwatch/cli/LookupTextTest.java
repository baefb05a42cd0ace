package io.github.blockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The lookup verb's text for the API's answers (shapes as served, see TimeTravelIT for the real thing). */
class LookupTextTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DECISION = "{\"org\":\"Генпрокуратура\",\"number\":\"27-31-2015/Ид4082-15\",\"date\":\"2015-12-04\"}";

    @Test
    void shouldSayWhenAnAddressWasBlockedAndByWhom() throws Exception {
        JsonNode answer = JSON.readTree("{\"ip\":\"52.58.0.1\",\"family\":4,\"at\":\"2018-05-05T14:00:00Z\","
                + "\"dump\":{\"id\":\"2018-05-05T13:25:00Z/25d965cedeb9\",\"registryTime\":\"2018-05-05T13:25:00Z\"},"
                + "\"blocked\":true,\"blockedSince\":\"2018-05-05T13:25:00Z\",\"blockedUntil\":\"2020-01-26T01:24:00Z\","
                + "\"ranges\":[{\"cidr\":\"52.58.0.0/15\",\"addresses\":131072,\"firstBlocked\":\"2018-05-05T13:25:00Z\","
                + "\"unblocked\":\"2020-01-26T01:24:00Z\",\"entryCount\":1,\"decisions\":[" + DECISION + "]}]}");

        String text = LookupText.answer(answer);

        assertThat(text.lines()).containsExactly(
                "52.58.0.1 was blocked at 2018-05-05T14:00:00Z (dump of 2018-05-05T13:25:00Z); blocked since 2018-05-05T13:25:00Z, until 2020-01-26T01:24:00Z",
                "  52.58.0.0/15                 131,072 addresses  first blocked 2018-05-05T13:25:00Z  unblocked 2020-01-26T01:24:00Z  Генпрокуратура 27-31-2015/Ид4082-15 (2015-12-04)");
    }

    @Test
    void shouldSayWhenAnAddressNotBlockedThenWasUnblockedAndBlockedAgain() throws Exception {
        JsonNode answer = JSON.readTree("{\"ip\":\"176.31.97.101\",\"family\":4,\"at\":\"2014-11-06T10:00:00Z\","
                + "\"dump\":null,\"blocked\":false,\"lastUnblocked\":\"2014-11-05T20:37:08Z\","
                + "\"nextBlocked\":\"2014-11-06T10:30:00Z\",\"ranges\":[]}");

        assertThat(LookupText.answer(answer)).isEqualTo("176.31.97.101 was not blocked at 2014-11-06T10:00:00Z "
                + "(before the first dump applied); unblocked 2014-11-05T20:37:08Z; blocked again from 2014-11-06T10:30:00Z\n");
    }

    @Test
    void shouldNotSayAgainForAnAddressNeverBlockedBefore() throws Exception {
        // blockwatch lookup 52.58.0.1 --at 2017-01-01 against the bundled dumps: first blocked in 2018
        JsonNode answer = JSON.readTree("{\"ip\":\"52.58.0.1\",\"family\":4,\"at\":\"2017-01-01T00:00:00Z\","
                + "\"dump\":null,\"blocked\":false,\"lastUnblocked\":null,"
                + "\"nextBlocked\":\"2018-05-05T13:25:00Z\",\"ranges\":[]}");

        assertThat(LookupText.answer(answer)).isEqualTo("52.58.0.1 was not blocked at 2017-01-01T00:00:00Z "
                + "(before the first dump applied); first blocked 2018-05-05T13:25:00Z\n");
    }

    @Test
    void shouldListTheIntervalsOfAHistory() throws Exception {
        JsonNode history = JSON.readTree("{\"ip\":\"52.58.0.1\",\"blockedNow\":false,\"intervals\":[{\"from\":\"2018-05-05T13:25:00Z\","
                + "\"until\":\"2020-01-26T01:24:00Z\",\"ranges\":[{\"cidr\":\"52.58.0.0/15\",\"from\":\"2018-05-05T13:25:00Z\","
                + "\"until\":\"2020-01-26T01:24:00Z\",\"decisions\":[" + DECISION + "]}]}]}");

        assertThat(LookupText.history(history).lines()).containsExactly(
                "52.58.0.1: blocked in 1 interval, not blocked now",
                "  2018-05-05T13:25:00Z → 2020-01-26T01:24:00Z",
                "      52.58.0.0/15         2018-05-05T13:25:00Z → 2020-01-26T01:24:00Z  Генпрокуратура 27-31-2015/Ид4082-15 (2015-12-04)");
    }
}
