<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#-- Progressive profiling: a few missing profile attributes at a time.
     cfProfile: fields (name, label as in the user profile, value), skippable. -->
<@layout.registrationLayout displayMessage=true displayInfo=false; section>
<!-- template: cf-progressive-profile.ftl -->
    <#if section="header">
        ${msg("cfProfileTitle")}
    <#elseif section="form">
        <p id="cf-profile-intro" class="${properties.kcFormHelperTextClass!}">${msg("cfProfileIntro")}</p>
        <form id="cf-profile-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <#list cfProfile.fields as f>
                <@field.input name=f.name label=advancedMsg(f.label) value=f.value required=!cfProfile.skippable autofocus=(f?index == 0) />
            </#list>
            <@buttons.actionGroup>
                <@buttons.button id="cf-profile-save" name="save" label="doSubmit" />
                <#if cfProfile.skippable>
                    <button class="${properties.kcButtonSecondaryClass} ${properties.kcButtonBlockClass}" id="cf-profile-skip"
                            name="skip" value="true" type="submit" formnovalidate="formnovalidate">${msg("cfProfileSkip")}</button>
                </#if>
            </@buttons.actionGroup>
        </form>
    </#if>
</@layout.registrationLayout>
