<#ftl output_format="plainText">
<#-- The "new sign-in" email, text part; attributes from io.github.kcsessions.alert.NewDeviceEmail. -->
<#assign device><#if apiClient>${msg("kcsNewDeviceApiClient", browser)}<#elseif os?has_content>${msg("kcsNewDeviceBrowserOnOs", browser, os)}<#else>${browser}</#if></#assign>
<#assign where><#if place?has_content>${msg("kcsNewDevicePlaceAndAddress", place, ipAddress)}<#else>${ipAddress}</#if></#assign>
${msg("kcsNewDeviceIntro", realmName)}

${msg("kcsNewDeviceWhat")}: ${device}
${msg("kcsNewDeviceWhere")}: ${where}
${msg("kcsNewDeviceWhen")}: ${signedInAt}
<#if application?has_content>${msg("kcsNewDeviceApplication")}: ${application}
</#if>

${msg("kcsNewDeviceIfYou")} ${msg("kcsNewDeviceDevicesLink")}: ${devicesUrl}

${msg("kcsNewDeviceIfNotYou")}
${msg("kcsNewDeviceWasntMe")}: ${endSessionUrl}

${msg("kcsNewDeviceLinkExpires", linkExpirationFormatter(linkExpiration))}
