package dev.weft.security;

import org.springframework.data.jpa.repository.JpaRepository;

/** Workspaces by id. */
public interface WorkspaceRepository extends JpaRepository<Workspace, String> {}
