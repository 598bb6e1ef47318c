package dev.weft.app;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Apps of a workspace. */
public interface AppRepository extends JpaRepository<App, String> {

    List<App> findByWorkspaceIdOrderByUpdatedAtDesc(String workspaceId);
}
