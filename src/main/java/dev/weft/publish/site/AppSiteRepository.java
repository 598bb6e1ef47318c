package dev.weft.publish.site;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Web app sites by app id. */
interface AppSiteRepository extends JpaRepository<AppSite, String> {

    Optional<AppSite> findByToken(String token);
}
