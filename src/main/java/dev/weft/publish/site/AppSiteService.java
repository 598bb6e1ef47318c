package dev.weft.publish.site;

import java.security.SecureRandom;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public web app of each app: a share token of 16 random letters and digits (made on first use), switched
 * on or off, and regenerated to cut off old links.
 */
@Service
@Transactional
public class AppSiteService {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppSiteRepository sites;

    public AppSiteService(AppSiteRepository sites) {
        this.sites = sites;
    }

    /** The app's site, made (on, with a new token) the first time it is asked for. */
    public AppSite site(String appId) {
        return sites.findById(appId).orElseGet(() -> sites.save(new AppSite(appId, newToken())));
    }

    public AppSite regenerate(String appId) {
        AppSite site = site(appId);
        site.changeToken(newToken());
        return sites.save(site);
    }

    public AppSite enable(String appId, boolean on) {
        AppSite site = site(appId);
        site.enable(on);
        return sites.save(site);
    }

    /** The switched-on site with this token. */
    @Transactional(readOnly = true)
    public Optional<AppSite> open(String token) {
        if (token == null || token.length() != 16 || !token.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return sites.findByToken(token).filter(AppSite::isEnabled);
    }

    static String newToken() {
        StringBuilder b = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
