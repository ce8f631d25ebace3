package io.creativeflow.keycloak.userdata;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapper;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

/**
 * Protocol mapper {@code cf-login-activity-mapper}: claims {@code last_login_at} and
 * {@code previous_login_at} (epoch seconds) and {@code login_count}. The realm offers it as the
 * optional client scope {@code creativeflow-activity}: apps ask for it with
 * {@code scope=openid creativeflow-activity}.
 */
@AutoService(ProtocolMapper.class)
public final class LoginActivityMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper {

    public static final String ID = "cf-login-activity-mapper";

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, LoginActivityMapper.class);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "CreativeFlow login activity";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Adds last_login_at and previous_login_at (epoch seconds) and login_count from the user's"
                + " login activity (cf-login-activity event listener).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        UserData.loginActivity(session).find(userSession.getRealm().getId(), userSession.getUser().getId())
                .ifPresent(activity -> {
                    token.getOtherClaims().put("last_login_at", activity.lastLoginAt() / 1000);
                    if (activity.previousLoginAt() != null) {
                        token.getOtherClaims().put("previous_login_at", activity.previousLoginAt() / 1000);
                    }
                    token.getOtherClaims().put("login_count", activity.loginCount());
                });
    }
}
