package dev.weft.security;

import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accounts and the first-run setup. Until the first account exists, Weft only offers the setup page;
 * {@link #createOwner} then creates the workspace and its owner in one transaction.
 */
@Service
public class AccountService {

    static final int MIN_PASSWORD_LENGTH = 8;

    private final AccountRepository accounts;
    private final WorkspaceRepository workspaces;
    private final PasswordEncoder passwordEncoder;
    private final TransactionTemplate transaction;
    private volatile boolean setupDone;

    public AccountService(
            AccountRepository accounts,
            WorkspaceRepository workspaces,
            PasswordEncoder passwordEncoder,
            TransactionTemplate transaction) {
        this.accounts = accounts;
        this.workspaces = workspaces;
        this.passwordEncoder = passwordEncoder;
        this.transaction = transaction;
    }

    /** Whether any account exists, i.e. the first-run setup has been done. */
    public boolean hasAccounts() {
        if (!setupDone) {
            setupDone = accounts.count() > 0;
        }
        return setupDone;
    }

    /**
     * Creates the workspace and its owner account. Allowed only while no account exists.
     *
     * @throws IllegalStateException when setup was already done
     * @throws IllegalArgumentException when a field is missing or the password is too short
     */
    public synchronized Account createOwner(String workspaceName, String email, String displayName, String password) {
        String normalizedEmail = normalizeEmail(email);
        require(workspaceName, "workspace name");
        require(displayName, "display name");
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        Account owner = transaction.execute(status -> {
            if (accounts.count() > 0) {
                throw new IllegalStateException("setup is already done: an account exists");
            }
            Workspace workspace = workspaces.save(new Workspace(workspaceName.strip()));
            return accounts.save(new Account(workspace.getId(), normalizedEmail, displayName.strip(),
                    passwordEncoder.encode(password), AccountRole.OWNER));
        });
        setupDone = true;
        return owner;
    }

    public Optional<Account> findByEmail(String email) {
        return email == null ? Optional.empty() : accounts.findByEmail(email.strip().toLowerCase(Locale.ROOT));
    }

    /** The signed-in account of the current request or Vaadin UI, if any. */
    public Optional<Account> currentAccount() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return Optional.empty();
        }
        return findByEmail(auth.getName());
    }

    /** Like {@link #currentAccount()}, but fails when nobody is signed in. */
    public Account requireCurrentAccount() {
        return currentAccount().orElseThrow(() -> new IllegalStateException("no account is signed in"));
    }

    static String normalizeEmail(String email) {
        require(email, "email");
        String e = email.strip().toLowerCase(Locale.ROOT);
        int at = e.indexOf('@');
        if (at <= 0 || at == e.length() - 1 || e.contains(" ")) {
            throw new IllegalArgumentException("'" + email + "' is not an email address");
        }
        return e;
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the " + what + " is required");
        }
    }
}
