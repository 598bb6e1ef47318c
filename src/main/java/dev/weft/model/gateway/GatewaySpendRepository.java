package dev.weft.model.gateway;

import org.springframework.data.jpa.repository.JpaRepository;

interface GatewaySpendRepository extends JpaRepository<GatewaySpend, GatewaySpend.Key> {}
