<#-- "This wasn't me": the confirmation and the result (io.github.kcsessions.endsession.EndSessionPages). Written
     against the base login layout only, so it renders in any login theme. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
<#assign page = kcsEndSession>
<#assign device><#if page.apiClient>${msg("kcsNewDeviceApiClient", page.browser)}<#elseif page.os?has_content>${msg("kcsNewDeviceBrowserOnOs", page.browser, page.os)}<#elseif page.browser?has_content>${page.browser}<#else>${msg("kcsEndSessionUnknownDevice")}</#if></#assign>
<#assign where><#if page.place?has_content>${msg("kcsNewDevicePlaceAndAddress", page.place, page.ipAddress)}<#else>${page.ipAddress}</#if></#assign>
    <#if section = "header">
        <#if page.state = "confirm">${msg("kcsEndSessionConfirmTitle")}<#else>${msg("kcsEndSessionDoneTitle")}</#if>
    <#elseif section = "form">
        <div id="kcs-end-session" data-state="${page.state}">
            <dl class="kcs-end-session__session">
                <dt>${msg("kcsNewDeviceWhat")}</dt><dd id="kcs-device">${device}</dd>
                <dt>${msg("kcsNewDeviceWhere")}</dt><dd id="kcs-where">${where}</dd>
            </dl>
            <#if page.state = "confirm">
                <p>${msg("kcsEndSessionConfirmText")}</p>
                <form id="kcs-end-session-form" class="${properties.kcFormClass!}" action="${page.action}" method="post">
                    <input type="hidden" name="key" value="${page.key}"/>
                    <div class="${properties.kcFormGroupClass!}">
                        <button id="kcs-end-session-confirm" type="submit"
                                class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}">${msg("kcsEndSessionConfirmButton")}</button>
                    </div>
                </form>
                <p>${msg("kcsEndSessionConfirmCancel")}</p>
            <#else>
                <p id="kcs-end-session-done">${msg("kcsEndSessionDoneText")}</p>
                <p>${msg("kcsEndSessionNext")}</p>
                <ul>
                    <li><a id="kcs-change-password" href="${page.changePasswordUrl}">${msg("kcsEndSessionChangePassword")}</a></li>
                    <li><a id="kcs-devices" href="${page.devicesUrl}">${msg("kcsEndSessionSignOutElsewhere")}</a></li>
                </ul>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
