<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("cfEmailOtpBodyIntro", realmName)}</p>
<p style="font-size:32px;font-weight:700;letter-spacing:6px;margin:24px 0;" id="cf-code">${code}</p>
<p>${msg("cfEmailOtpBodyValidity", ttlMinutes)}</p>
<p style="color:#6B7280;">${msg("cfEmailOtpBodyRequestedBy", clientName, ipAddress)}</p>
<p>${msg("cfEmailOtpBodyNotYou")}</p>
</@layout.emailLayout>
