<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<#-- Shows a new batch once; cfRecovery: codes, download. -->
<@layout.registrationLayout displayMessage=true; section>
<!-- template: cf-recovery-codes-setup.ftl -->
    <#if section="header">
        ${msg("cfRecoveryCodesSetupTitle")}
    <#elseif section="form">
        <p class="${properties.kcFormHelperTextClass!}">${msg("cfRecoveryCodesSetupIntro")}</p>
        <ol id="cf-recovery-codes" class="cf-recovery-codes">
            <#list cfRecovery.codes as code>
                <li><code>${code}</code></li>
            </#list>
        </ol>
        <div class="cf-recovery-actions">
            <button type="button" class="${properties.kcButtonSecondaryClass}" id="cf-recovery-copy">${msg("cfRecoveryCodesCopy")}</button>
            <a class="${properties.kcButtonSecondaryClass}" id="cf-recovery-download" download="creativeflow-recovery-codes.txt"
               href="data:text/plain;charset=utf-8,${cfRecovery.download?url('UTF-8')}">${msg("cfRecoveryCodesDownload")}</a>
            <button type="button" class="${properties.kcButtonSecondaryClass}" id="cf-recovery-print" onclick="window.print()">${msg("cfRecoveryCodesPrint")}</button>
        </div>
        <form id="cf-recovery-setup-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass}">
                <label class="pf-v5-c-check">
                    <input class="pf-v5-c-check__input" type="checkbox" id="stored" name="stored" value="true"/>
                    <span class="pf-v5-c-check__label">${msg("cfRecoveryCodesStored")}</span>
                </label>
            </div>
            <@buttons.actionGroup>
                <@buttons.button id="cf-recovery-confirm" name="confirm" label="cfOtpConfirm" />
                <#if isAppInitiatedAction??>
                    <button class="${properties.kcButtonSecondaryClass} ${properties.kcButtonBlockClass}" id="cf-recovery-cancel"
                            name="cancel-aia" value="true" type="submit" formnovalidate="formnovalidate">${msg("doCancel")}</button>
                </#if>
            </@buttons.actionGroup>
        </form>
        <script>
            <#outputformat "JavaScript">
            document.getElementById("cf-recovery-copy").addEventListener("click", function () {
                var codes = Array.from(document.querySelectorAll("#cf-recovery-codes code")).map(function (c) { return c.textContent; });
                if (navigator.clipboard) { navigator.clipboard.writeText(codes.join("\n")); }
            });
            </#outputformat>
        </script>
    </#if>
</@layout.registrationLayout>
