package io.github.kcsessions.device;

/**
 * A developer tool or HTTP library recognised from its user agent.
 *
 * @param name    the tool as people know it, e.g. "curl", "Postman", "python-requests"
 * @param version as the user agent gave it, e.g. "8.5.0"; null when it gave none
 */
record ApiClient(String name, String version) {
}
