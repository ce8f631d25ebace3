<#macro emailLayout>
<!DOCTYPE html>
<html lang="${locale.language!'en'}">
<head>
  <meta charset="UTF-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
</head>
<body style="margin:0;padding:0;background:#F5F3FF;font-family:Inter,'Segoe UI',Helvetica,Arial,sans-serif;color:#1E1B4B;">
  <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#F5F3FF;padding:24px 0;">
    <tr><td align="center">
      <table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#ffffff;border-radius:12px;overflow:hidden;">
        <tr><td style="background:linear-gradient(135deg,#7C3AED,#EC4899);background-color:#7C3AED;padding:20px 28px;color:#ffffff;font-size:22px;font-weight:700;">
          ${msg("cfEmailBrand")}
        </td></tr>
        <tr><td style="padding:28px;font-size:15px;line-height:1.6;">
          <#nested>
        </td></tr>
        <tr><td style="padding:16px 28px;border-top:1px solid #EDE9FE;font-size:12px;color:#6B7280;">
          ${msg("cfEmailFooter")}
        </td></tr>
      </table>
    </td></tr>
  </table>
</body>
</html>
</#macro>
