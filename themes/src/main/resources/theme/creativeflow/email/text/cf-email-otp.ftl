<#ftl output_format="plainText">
${msg("cfEmailOtpBodyIntro", realmName)}

${code}

${msg("cfEmailOtpBodyValidity", ttlMinutes)}
${msg("cfEmailOtpBodyRequestedBy", clientName, ipAddress)}

${msg("cfEmailOtpBodyNotYou")}
