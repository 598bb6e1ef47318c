package dev.weft.publish.settings;

import org.springframework.data.jpa.repository.JpaRepository;

/** Publishing settings by app id. */
interface AppPublishSettingsRepository extends JpaRepository<AppPublishSettings, String> {}
