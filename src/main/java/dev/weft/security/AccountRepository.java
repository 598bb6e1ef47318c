package dev.weft.security;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Accounts, looked up by their (lower-case) email. */
public interface AccountRepository extends JpaRepository<Account, String> {

    Optional<Account> findByEmail(String email);

    /** The first account of the workspace with this role (its owner, for {@code OWNER}). */
    Optional<Account> findFirstByWorkspaceIdAndRoleOrderByCreatedAtAsc(String workspaceId, AccountRole role);
}
