package io.creativeflow.keycloak.userdata;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row per user and realm: table {@code CF_LOGIN_ACTIVITY} (changelog cf-login-activity-changelog.xml). */
@Entity
@Table(name = "CF_LOGIN_ACTIVITY")
public class LoginActivityEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 255, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 255, nullable = false)
    private String userId;

    @Column(name = "FIRST_LOGIN_AT", nullable = false)
    private long firstLoginAt;

    @Column(name = "LAST_LOGIN_AT", nullable = false)
    private long lastLoginAt;

    @Column(name = "PREVIOUS_LOGIN_AT")
    private Long previousLoginAt;

    @Column(name = "LOGIN_COUNT", nullable = false)
    private long loginCount;

    @Column(name = "LAST_IP", length = 64)
    private String lastIp;

    @Column(name = "LAST_CLIENT_ID", length = 255)
    private String lastClientId;

    @Column(name = "LAST_IDENTITY_PROVIDER", length = 255)
    private String lastIdentityProvider;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public long getFirstLoginAt() {
        return firstLoginAt;
    }

    public void setFirstLoginAt(long firstLoginAt) {
        this.firstLoginAt = firstLoginAt;
    }

    public long getLastLoginAt() {
        return lastLoginAt;
    }

    public void setLastLoginAt(long lastLoginAt) {
        this.lastLoginAt = lastLoginAt;
    }

    public Long getPreviousLoginAt() {
        return previousLoginAt;
    }

    public void setPreviousLoginAt(Long previousLoginAt) {
        this.previousLoginAt = previousLoginAt;
    }

    public long getLoginCount() {
        return loginCount;
    }

    public void setLoginCount(long loginCount) {
        this.loginCount = loginCount;
    }

    public String getLastIp() {
        return lastIp;
    }

    public void setLastIp(String lastIp) {
        this.lastIp = lastIp;
    }

    public String getLastClientId() {
        return lastClientId;
    }

    public void setLastClientId(String lastClientId) {
        this.lastClientId = lastClientId;
    }

    public String getLastIdentityProvider() {
        return lastIdentityProvider;
    }

    public void setLastIdentityProvider(String lastIdentityProvider) {
        this.lastIdentityProvider = lastIdentityProvider;
    }
}
