<#ftl output_format="plainText">
${msg("cfRecoveryCodeUsedBodyIntro", realmName)}

${msg("cfRecoveryCodeUsedBodyDetails", clientName, ipAddress, time)}
${msg("cfRecoveryCodeUsedBodyRemaining", remaining)}

${msg("cfRecoveryCodeUsedBodyNotYou")}
