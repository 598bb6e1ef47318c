package dev.weft.model.gateway;

import org.springframework.data.jpa.repository.JpaRepository;

interface GatewayBudgetRepository extends JpaRepository<GatewayBudget, GatewayBudget.Key> {}
