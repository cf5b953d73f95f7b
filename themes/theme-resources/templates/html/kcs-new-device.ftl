<#-- The "new sign-in" email, HTML part; attributes from io.github.kcsessions.alert.NewDeviceEmail. -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<#assign device><#if apiClient>${msg("kcsNewDeviceApiClient", browser)}<#elseif os?has_content>${msg("kcsNewDeviceBrowserOnOs", browser, os)}<#else>${browser}</#if></#assign>
<#assign where><#if place?has_content>${msg("kcsNewDevicePlaceAndAddress", place, ipAddress)}<#else>${ipAddress}</#if></#assign>
<p>${msg("kcsNewDeviceIntro", realmName)}</p>
<table role="presentation" style="border-collapse:collapse">
  <tr><th align="left" style="padding:4px 16px 4px 0">${msg("kcsNewDeviceWhat")}</th><td id="kcs-device">${device}</td></tr>
  <tr><th align="left" style="padding:4px 16px 4px 0">${msg("kcsNewDeviceWhere")}</th><td id="kcs-where">${where}</td></tr>
  <tr><th align="left" style="padding:4px 16px 4px 0">${msg("kcsNewDeviceWhen")}</th><td id="kcs-when">${signedInAt}</td></tr>
  <#if application?has_content>
  <tr><th align="left" style="padding:4px 16px 4px 0">${msg("kcsNewDeviceApplication")}</th><td id="kcs-application">${application}</td></tr>
  </#if>
</table>
<p>${msg("kcsNewDeviceIfYou")} <a id="kcs-devices-link" href="${devicesUrl}">${msg("kcsNewDeviceDevicesLink")}</a></p>
<p>${msg("kcsNewDeviceIfNotYou")}</p>
<p><a id="kcs-end-session-link" href="${endSessionUrl}" style="font-weight:bold">${msg("kcsNewDeviceWasntMe")}</a></p>
<p>${msg("kcsNewDeviceLinkExpires", linkExpirationFormatter(linkExpiration))}</p>
</@layout.emailLayout>
