<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<#-- A sign-in the session limit refused. cfSessionLimit: kind ("limit": too many devices, the user may
     sign out the others and continue; "unavailable": the registry cannot be asked, try again), limit. -->
<@layout.registrationLayout displayMessage=(message.summary)?? displayInfo=false; section>
<!-- template: cf-session-limit.ftl -->
    <#if section="header">
        ${msg((cfSessionLimit.kind == "limit")?then("cfSessionLimitTitle", "cfSessionLimitUnavailableTitle"))}
    <#elseif section="form">
        <form id="cf-session-limit-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <@buttons.actionGroup>
                <#if cfSessionLimit.kind == "limit">
                    <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" id="cf-session-limit-sign-out-others"
                            name="sign-out-others" value="true" type="submit">${msg("cfSessionLimitSignOutOthers")}</button>
                <#else>
                    <button class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" id="cf-session-limit-try-again"
                            name="try-again" value="true" type="submit">${msg("cfSessionLimitTryAgain")}</button>
                </#if>
            </@buttons.actionGroup>
        </form>
        <#if client?? && client.baseUrl?has_content>
            <p id="cf-session-limit-back"><a href="${client.baseUrl}">${msg("backToApplication")}</a></p>
        </#if>
    </#if>
</@layout.registrationLayout>
