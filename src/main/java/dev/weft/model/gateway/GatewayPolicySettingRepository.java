package dev.weft.model.gateway;

import org.springframework.data.jpa.repository.JpaRepository;

interface GatewayPolicySettingRepository extends JpaRepository<GatewayPolicySetting, GatewayPolicySetting.Key> {}
