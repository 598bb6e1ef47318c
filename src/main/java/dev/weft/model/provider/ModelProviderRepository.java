package dev.weft.model.provider;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Stored model providers. */
public interface ModelProviderRepository extends JpaRepository<ModelProvider, String> {

    List<ModelProvider> findAllByOrderByNameAsc();
}
