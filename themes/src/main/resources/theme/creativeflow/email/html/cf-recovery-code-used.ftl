<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("cfRecoveryCodeUsedBodyIntro", realmName)}</p>
<p>${msg("cfRecoveryCodeUsedBodyDetails", clientName, ipAddress, time)}</p>
<p id="cf-remaining">${msg("cfRecoveryCodeUsedBodyRemaining", remaining)}</p>
<p>${msg("cfRecoveryCodeUsedBodyNotYou")}</p>
</@layout.emailLayout>
