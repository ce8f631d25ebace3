package io.creativeflow.keycloak.sms;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.creativeflow.keycloak.sms.SmsDeliveryException.Reason;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Sends through Twilio's Messages API with the official SDK. The sender is a phone number, an
 * alphanumeric sender id, or a Messaging Service ({@code MG…}). Twilio's error codes become reasons
 * the user can act on; the log names Twilio's code, never the message text.
 */
final class TwilioSmsSender implements SmsSender {

    private static final Logger LOG = Logger.getLogger(TwilioSmsSender.class);

    /** https://www.twilio.com/docs/api/errors */
    private static final Set<Integer> INVALID_NUMBER = Set.of(21211, 21214, 21401, 21407, 21614, 21265);
    private static final Set<Integer> UNREACHABLE = Set.of(21610, 21612, 30003, 30005, 30006, 30008);
    private static final Set<Integer> BLOCKED_REGION = Set.of(21408, 21215, 21635);
    private static final Set<Integer> RATE_LIMITED = Set.of(20429, 14107, 30022, 21611);

    private final TwilioRestClient client;
    private final String sender;

    TwilioSmsSender(TwilioRestClient client, String sender) {
        this.client = client;
        this.sender = sender;
    }

    @Override
    public void send(SmsMessage message) throws SmsDeliveryException {
        PhoneNumber to = new PhoneNumber(message.to());
        MessageCreator creator = sender.startsWith("MG")
                ? Message.creator(to, sender, message.body())
                : Message.creator(to, new PhoneNumber(sender), message.body());
        try {
            Message sent = creator.create(client);
            LOG.debugf("Twilio accepted SMS %s (status %s)", sent.getSid(), sent.getStatus());
        } catch (ApiException e) {
            throw map(e);
        } catch (TwilioException e) {
            throw new SmsDeliveryException(Reason.UNAVAILABLE, null, "Twilio unavailable: " + e.getMessage(), e);
        }
    }

    static SmsDeliveryException map(ApiException e) {
        Integer code = e.getCode();
        Integer status = e.getStatusCode();
        Reason reason;
        if (code != null && INVALID_NUMBER.contains(code)) {
            reason = Reason.INVALID_NUMBER;
        } else if (code != null && UNREACHABLE.contains(code)) {
            reason = Reason.UNREACHABLE;
        } else if (code != null && BLOCKED_REGION.contains(code)) {
            reason = Reason.BLOCKED_REGION;
        } else if ((code != null && RATE_LIMITED.contains(code)) || Integer.valueOf(429).equals(status)) {
            reason = Reason.RATE_LIMITED;
        } else {
            reason = Reason.UNAVAILABLE;
        }
        // Twilio's message text repeats the destination number: only its code and status are logged.
        String log = "Twilio refused the message: error " + code + " (HTTP " + status + ")"
                + (e.getMoreInfo() == null ? "" : ", " + e.getMoreInfo());
        return new SmsDeliveryException(reason, code == null ? null : String.valueOf(code), log, null);
    }
}
