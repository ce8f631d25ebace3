package io.creativeflow.keycloak.userdata;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Progressive profiling per user, realm and attribute: table {@code CF_PROFILE_PROMPT} (changelog
 * cf-profile-prompts-changelog.xml).
 */
@Entity
@Table(name = "CF_PROFILE_PROMPT")
public class ProfilePromptEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 255, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 255, nullable = false)
    private String userId;

    @Column(name = "ATTRIBUTE_NAME", length = 255, nullable = false)
    private String attribute;

    @Column(name = "TIMES_ASKED", nullable = false)
    private int timesAsked;

    @Column(name = "TIMES_SKIPPED", nullable = false)
    private int timesSkipped;

    @Column(name = "LAST_ASKED_AT")
    private Long lastAskedAt;

    @Column(name = "COMPLETED_AT")
    private Long completedAt;

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

    public String getAttribute() {
        return attribute;
    }

    public void setAttribute(String attribute) {
        this.attribute = attribute;
    }

    public int getTimesAsked() {
        return timesAsked;
    }

    public void setTimesAsked(int timesAsked) {
        this.timesAsked = timesAsked;
    }

    public int getTimesSkipped() {
        return timesSkipped;
    }

    public void setTimesSkipped(int timesSkipped) {
        this.timesSkipped = timesSkipped;
    }

    public Long getLastAskedAt() {
        return lastAskedAt;
    }

    public void setLastAskedAt(Long lastAskedAt) {
        this.lastAskedAt = lastAskedAt;
    }

    public Long getCompletedAt() {
        return completedAt;
    }

    public void setCompletedAt(Long completedAt) {
        this.completedAt = completedAt;
    }
}
