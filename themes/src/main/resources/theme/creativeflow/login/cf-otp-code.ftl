<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#-- One-time code form shared by every code channel (email, SMS), at login and at enrolment.
     cfOtp: messagePrefix, destination, codeLength, sent, secondsLeft, minutesLeft, resendInSeconds,
     attemptsLeft, enrolment, changeDestination. Every limit shown here is enforced on the server.
     Counts pick a singular key (<key>One) for 1: English and German have one singular form. -->
<#-- The message only when it has text: Keycloak can hand a page an empty message when many requests
     of one sign-in arrive at once (a forwarded "action expired" read while another request removes it). -->
<@layout.registrationLayout displayMessage=(message.summary)?? displayInfo=false; section>
<!-- template: cf-otp-code.ftl -->
    <#if section="header">
        ${msg(cfOtp.messagePrefix + (cfOtp.enrolment?then("SetupTitle", "Title")))}
    <#elseif section="form">
        <#-- Only a page with a live code says that one was sent and asks for it; after a refused or
             failed send the message says what happened and what to do next. -->
        <#if cfOtp.sent>
            <#if cfOtp.destination?has_content>
                <p id="cf-otp-destination" class="${properties.kcFormHelperTextClass!}">
                    <#if cfOtp.enrolment>${msg(cfOtp.messagePrefix + "SetupIntro", cfOtp.destination)}<#else>${msg(cfOtp.messagePrefix + "Intro", cfOtp.destination)}</#if>
                </p>
            </#if>
            <p id="cf-otp-validity" class="${properties.kcFormHelperTextClass!}">${msg((cfOtp.minutesLeft == 1)?then("cfOtpValidForOne", "cfOtpValidFor"), cfOtp.minutesLeft)}</p>
        <#else>
            <p id="cf-otp-not-sent" class="${properties.kcFormHelperTextClass!}">${msg("cfOtpNotSentIntro")}</p>
        </#if>
        <#if cfOtp.sent>
        <form id="cf-otp-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <@field.input name="code" label=msg("cfOtpCodeLabel") autocomplete="one-time-code" autofocus=true />
            <@buttons.actionGroup>
                <@buttons.button id="cf-otp-submit" name="login" label=cfOtp.enrolment?then("cfOtpConfirm", "doLogIn") />
                <#if isAppInitiatedAction??>
                    <button class="${properties.kcButtonSecondaryClass} ${properties.kcButtonBlockClass}" id="cf-otp-cancel"
                            name="cancel-aia" value="true" type="submit" formnovalidate="formnovalidate">${msg("doCancel")}</button>
                </#if>
            </@buttons.actionGroup>
        </form>
        </#if>
        <form id="cf-otp-resend-form" action="${url.loginAction}" method="post">
            <input type="hidden" name="resend" value="true"/>
            <@buttons.actionGroup>
                <button class="${properties.kcButtonSecondaryClass} ${properties.kcButtonBlockClass}" id="cf-otp-resend"
                        name="resend-button" type="submit" data-wait="${cfOtp.resendInSeconds?c}">${msg(cfOtp.sent?then("cfOtpResend", "cfOtpSend"))}</button>
            </@buttons.actionGroup>
            <p id="cf-otp-resend-wait" class="${properties.kcFormHelperTextClass!}" <#if cfOtp.resendInSeconds == 0>hidden</#if>>
                ${msg("cfOtpResendIn", "<span id=\"cf-otp-seconds\">" + cfOtp.resendInSeconds?c + "</span>")?no_esc}
            </p>
        </form>
        <#if !cfOtp.sent && isAppInitiatedAction??>
            <form id="cf-otp-cancel-form" action="${url.loginAction}" method="post">
                <@buttons.actionGroup>
                    <button class="${properties.kcButtonSecondaryClass} ${properties.kcButtonBlockClass}" id="cf-otp-cancel"
                            name="cancel-aia" value="true" type="submit">${msg("doCancel")}</button>
                </@buttons.actionGroup>
            </form>
        </#if>
        <#if cfOtp.changeDestination!false>
            <form id="cf-otp-change-form" action="${url.loginAction}" method="post">
                <input type="hidden" name="change-destination" value="true"/>
                <@buttons.actionGroup>
                    <button class="${properties.kcButtonSecondaryClass} ${properties.kcButtonBlockClass}" id="cf-otp-change"
                            name="change-button" type="submit">${msg(cfOtp.messagePrefix + "ChangeDestination")}</button>
                </@buttons.actionGroup>
            </form>
        </#if>
        <script>
            <#outputformat "JavaScript">
            (function () {
                var button = document.getElementById("cf-otp-resend");
                var note = document.getElementById("cf-otp-resend-wait");
                var seconds = document.getElementById("cf-otp-seconds");
                var left = parseInt(button.getAttribute("data-wait"), 10) || 0;
                function tick() {
                    button.disabled = left > 0;
                    note.hidden = left <= 0;
                    if (seconds) { seconds.textContent = String(left); }
                    if (left > 0) { left -= 1; setTimeout(tick, 1000); }
                }
                tick();
            })();
            </#outputformat>
        </script>
    </#if>
</@layout.registrationLayout>
