<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#-- Phone-number entry of SMS-code enrolment. cfSmsPhone: value (what the user typed), example (a
     number of the default country, written internationally), current (the masked enrolled number). -->
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('phone') displayInfo=false; section>
<!-- template: cf-sms-phone.ftl -->
    <#if section="header">
        ${msg("cfSmsPhoneTitle")}
    <#elseif section="form">
        <p id="cf-sms-intro" class="${properties.kcFormHelperTextClass!}">${msg("cfSmsPhoneIntro")}</p>
        <#if cfSmsPhone.current?has_content>
            <p id="cf-sms-current" class="${properties.kcFormHelperTextClass!}">${msg("cfSmsPhoneCurrent", cfSmsPhone.current)}</p>
        </#if>
        <form id="cf-sms-phone-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <@field.input name="phone" label=msg("cfSmsPhoneLabel") value=cfSmsPhone.value autocomplete="tel" autofocus=true required=true />
            <p id="cf-sms-hint" class="${properties.kcFormHelperTextClass!}">${msg("cfSmsPhoneHint", cfSmsPhone.example)}</p>
            <@buttons.actionGroup>
                <@buttons.button id="cf-sms-phone-submit" name="send" label="cfSmsPhoneSubmit" />
                <#if isAppInitiatedAction??>
                    <button class="${properties.kcButtonSecondaryClass} ${properties.kcButtonBlockClass}" id="cf-sms-cancel"
                            name="cancel-aia" value="true" type="submit" formnovalidate="formnovalidate">${msg("doCancel")}</button>
                </#if>
            </@buttons.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>
