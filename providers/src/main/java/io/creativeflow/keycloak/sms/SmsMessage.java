package io.creativeflow.keycloak.sms;

/**
 * One text message: the destination in E.164 ({@code +4915123456789}) and the text. The text may hold
 * a one-time code: senders never log it (the {@code log} sender, made to show it, excepted).
 */
public record SmsMessage(String to, String body) {

    @Override
    public String toString() {
        return "SmsMessage[to=" + to + ", body=<" + body.length() + " chars>]";
    }
}
