<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#-- Recovery-code login; cfRecovery: accepted, remaining, low. -->
<@layout.registrationLayout displayMessage=true; section>
<!-- template: cf-recovery-code.ftl -->
    <#if section="header">
        ${msg("cfRecoveryCodeTitle")}
    <#elseif section="form">
        <#if cfRecovery.accepted>
            <p id="cf-recovery-remaining" class="${properties.kcFormHelperTextClass!}">${msg("cfRecoveryCodeAccepted", cfRecovery.remaining)}</p>
            <#if cfRecovery.low>
                <p id="cf-recovery-low" class="${properties.kcFormHelperTextClass!}">${msg("cfRecoveryCodesLow")}</p>
            </#if>
            <form id="cf-recovery-continue-form" action="${url.loginAction}" method="post">
                <@buttons.actionGroup>
                    <@buttons.button id="cf-recovery-continue" name="continue" label="doContinue" />
                </@buttons.actionGroup>
            </form>
        <#else>
            <p class="${properties.kcFormHelperTextClass!}">${msg("cfRecoveryCodeIntro")}</p>
            <form id="cf-recovery-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                <@field.input name="code" label=msg("cfRecoveryCodeLabel") autocomplete="off" autofocus=true />
                <@buttons.actionGroup>
                    <@buttons.button id="cf-recovery-submit" name="login" label="doLogIn" />
                </@buttons.actionGroup>
            </form>
        </#if>
    </#if>
</@layout.registrationLayout>
