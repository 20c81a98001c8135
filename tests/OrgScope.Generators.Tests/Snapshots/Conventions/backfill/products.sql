-- keys_first
SELECT t.`product_no` AS k1 FROM `products` AS t ORDER BY t.`product_no` LIMIT @batch_size;

-- keys_after
SELECT t.`product_no` AS k1 FROM `products` AS t WHERE t.`product_no` > @after_k1 ORDER BY t.`product_no` LIMIT @batch_size;

-- lock_keys_first
SELECT t.`product_no` AS k1 FROM `products` AS t FORCE INDEX (PRIMARY) WHERE t.`tenant_id` IS NULL ORDER BY t.`product_no` LIMIT @batch_size FOR UPDATE;

-- lock_keys_after
SELECT t.`product_no` AS k1 FROM `products` AS t FORCE INDEX (PRIMARY) WHERE t.`tenant_id` IS NULL AND t.`product_no` > @after_k1 ORDER BY t.`product_no` LIMIT @batch_size FOR UPDATE;

-- lock_keys_first_until
SELECT t.`product_no` AS k1 FROM `products` AS t FORCE INDEX (PRIMARY) WHERE t.`tenant_id` IS NULL AND t.`product_no` <= @until_k1 ORDER BY t.`product_no` LIMIT @batch_size FOR UPDATE;

-- lock_keys_after_until
SELECT t.`product_no` AS k1 FROM `products` AS t FORCE INDEX (PRIMARY) WHERE t.`tenant_id` IS NULL AND t.`product_no` > @after_k1 AND t.`product_no` <= @until_k1 ORDER BY t.`product_no` LIMIT @batch_size FOR UPDATE;

-- range_end_first
SELECT t.`product_no` AS k1 FROM `products` AS t ORDER BY t.`product_no` LIMIT 1 OFFSET @range_offset;

-- range_end_after
SELECT t.`product_no` AS k1 FROM `products` AS t WHERE t.`product_no` > @after_k1 ORDER BY t.`product_no` LIMIT 1 OFFSET @range_offset;

-- estimate_null_rows
EXPLAIN SELECT 1 FROM `products` AS t WHERE t.`tenant_id` IS NULL;

-- null_keys_first
SELECT t.`product_no` AS k1 FROM `products` AS t WHERE t.`tenant_id` IS NULL AND NOT EXISTS (SELECT 1 FROM `orgscope_unresolved` AS u WHERE u.`table_name` = 'products' AND u.`row_key` = CONVERT(CAST(t.`product_no` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AND u.`run_id` = @run_id) ORDER BY t.`product_no` LIMIT @batch_size FOR UPDATE;

-- null_keys_after
SELECT t.`product_no` AS k1 FROM `products` AS t WHERE t.`tenant_id` IS NULL AND t.`product_no` > @after_k1 AND NOT EXISTS (SELECT 1 FROM `orgscope_unresolved` AS u WHERE u.`table_name` = 'products' AND u.`row_key` = CONVERT(CAST(t.`product_no` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AND u.`run_id` = @run_id) ORDER BY t.`product_no` LIMIT @batch_size FOR UPDATE;

-- follow_keys_first
SELECT t.`product_no` AS k1 FROM `products` AS t WHERE t.`tenant_id` IS NULL AND NOT EXISTS (SELECT 1 FROM `orgscope_unresolved` AS u WHERE u.`table_name` = 'products' AND u.`row_key` = CONVERT(CAST(t.`product_no` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AND u.`run_id` <> @run_id) ORDER BY t.`product_no` LIMIT @batch_size FOR UPDATE;

-- follow_keys_after
SELECT t.`product_no` AS k1 FROM `products` AS t WHERE t.`tenant_id` IS NULL AND t.`product_no` > @after_k1 AND NOT EXISTS (SELECT 1 FROM `orgscope_unresolved` AS u WHERE u.`table_name` = 'products' AND u.`row_key` = CONVERT(CAST(t.`product_no` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AND u.`run_id` <> @run_id) ORDER BY t.`product_no` LIMIT @batch_size FOR UPDATE;

-- audit
INSERT INTO `orgscope_audit` (`run_id`, `table_name`, `batch_no`, `rows_written`, `written`) SELECT @run_id, 'products', @batch_no, COUNT(*), COALESCE(JSON_ARRAYAGG(JSON_ARRAY(COALESCE(r.o1, r.o2), CONCAT(CASE WHEN r.o1 IS NOT NULL THEN 'CategoryId' WHEN r.o2 IS NOT NULL THEN 'OwnerTenant' END, CASE WHEN ((r.o2 IS NOT NULL AND r.o2 <> COALESCE(r.o1, r.o2))) THEN ' (sources disagree: first source wins)' ELSE '' END), r.k1)), JSON_ARRAY()) FROM (SELECT t.`product_no` AS k1, t_s1_o.`id` AS o1, CASE WHEN t.`category_id` IS NULL THEN NULL WHEN t_s1.`id` IS NULL THEN 'orphan_reference' WHEN t_s1.`tenant_id` IS NULL THEN 'referenced_row_unresolved' WHEN t_s1_o.`id` IS NULL THEN 'orphan_reference' END AS w1, t_s2.`id` AS o2, CASE WHEN t.`owner_tenant` IS NOT NULL AND t_s2.`id` IS NULL THEN 'orphan_reference' END AS w2 FROM `products` AS t LEFT JOIN `categories` AS t_s1 ON t_s1.`id` = t.`category_id` LEFT JOIN `tenants` AS t_s1_o ON t_s1_o.`id` = t_s1.`tenant_id` LEFT JOIN `tenants` AS t_s2 ON t_s2.`id` = t.`owner_tenant` WHERE t.`product_no` >= @from_k1 AND t.`product_no` <= @to_k1 AND t.`tenant_id` IS NULL) AS r WHERE COALESCE(r.o1, r.o2) IS NOT NULL;

-- update
UPDATE `orgscope_audit` AS au JOIN JSON_TABLE(au.`written`, '$[*]' COLUMNS (v INT PATH '$[0]', k1 BIGINT PATH '$[2]')) AS w JOIN `products` AS t ON t.`product_no` = w.k1 SET t.`tenant_id` = w.v WHERE au.`audit_id` = LAST_INSERT_ID() AND t.`product_no` >= @from_k1 AND t.`product_no` <= @to_k1 AND t.`tenant_id` IS NULL;

-- unresolved
INSERT INTO `orgscope_unresolved` (`table_name`, `row_key`, `reason`, `candidates`, `run_id`) SELECT x.table_name, x.row_key, x.reason, x.candidates, x.run_id FROM (SELECT 'products' AS table_name, r.row_key AS row_key, CASE WHEN ((r.o2 IS NOT NULL AND r.o2 <> COALESCE(r.o1, r.o2))) THEN 'sources_disagree' WHEN r.w1 IS NOT NULL THEN r.w1 WHEN r.w2 IS NOT NULL THEN r.w2 ELSE 'no_source_value' END AS reason, CONCAT_WS(',', r.c1, r.c2) AS candidates, @run_id AS run_id FROM (SELECT CONVERT(CAST(t.`product_no` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AS row_key, t_s1_o.`id` AS o1, CASE WHEN t.`category_id` IS NULL THEN NULL WHEN t_s1.`id` IS NULL THEN 'orphan_reference' WHEN t_s1.`tenant_id` IS NULL THEN 'referenced_row_unresolved' WHEN t_s1_o.`id` IS NULL THEN 'orphan_reference' END AS w1, t_s1_o.`id` AS c1, t_s2.`id` AS o2, CASE WHEN t.`owner_tenant` IS NOT NULL AND t_s2.`id` IS NULL THEN 'orphan_reference' END AS w2, t_s2.`id` AS c2 FROM `products` AS t LEFT JOIN `categories` AS t_s1 ON t_s1.`id` = t.`category_id` LEFT JOIN `tenants` AS t_s1_o ON t_s1_o.`id` = t_s1.`tenant_id` LEFT JOIN `tenants` AS t_s2 ON t_s2.`id` = t.`owner_tenant` WHERE t.`product_no` >= @from_k1 AND t.`product_no` <= @to_k1 AND t.`tenant_id` IS NULL) AS r WHERE COALESCE(r.o1, r.o2) IS NULL) AS x ON DUPLICATE KEY UPDATE `reason` = x.reason, `candidates` = x.candidates, `run_id` = x.run_id;

-- dry_run
SELECT x.outcome, x.detail, COUNT(*) AS row_count FROM (SELECT CASE WHEN COALESCE(r.o1, r.o2) IS NULL THEN 'unresolved' ELSE 'set' END AS outcome, CASE WHEN COALESCE(r.o1, r.o2) IS NULL THEN CASE WHEN ((r.o2 IS NOT NULL AND r.o2 <> COALESCE(r.o1, r.o2))) THEN 'sources_disagree' WHEN r.w1 IS NOT NULL THEN r.w1 WHEN r.w2 IS NOT NULL THEN r.w2 ELSE 'no_source_value' END ELSE CONCAT(CASE WHEN r.o1 IS NOT NULL THEN 'CategoryId' WHEN r.o2 IS NOT NULL THEN 'OwnerTenant' END, CASE WHEN ((r.o2 IS NOT NULL AND r.o2 <> COALESCE(r.o1, r.o2))) THEN ' (sources disagree: first source wins)' ELSE '' END) END AS detail FROM (SELECT CONVERT(CAST(t.`product_no` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AS row_key, t_s1_o.`id` AS o1, CASE WHEN t.`category_id` IS NULL THEN NULL WHEN t_s1.`id` IS NULL THEN 'orphan_reference' WHEN COALESCE(t_s1.`tenant_id`, COALESCE()) IS NULL THEN 'referenced_row_unresolved' WHEN t_s1_o.`id` IS NULL THEN 'orphan_reference' END AS w1, t_s2.`id` AS o2, CASE WHEN t.`owner_tenant` IS NOT NULL AND t_s2.`id` IS NULL THEN 'orphan_reference' END AS w2 FROM `products` AS t LEFT JOIN `categories` AS t_s1 ON t_s1.`id` = t.`category_id` LEFT JOIN `tenants` AS t_s1_o ON t_s1_o.`id` = COALESCE(t_s1.`tenant_id`, COALESCE()) LEFT JOIN `tenants` AS t_s2 ON t_s2.`id` = t.`owner_tenant` WHERE t.`product_no` >= @from_k1 AND t.`product_no` <= @to_k1 AND t.`tenant_id` IS NULL) AS r) AS x GROUP BY x.outcome, x.detail ORDER BY x.outcome, x.detail;

-- rollback_conflicts
SELECT CONVERT(CAST(t.`product_no` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AS row_key, t.`tenant_id` AS current_value, w.v AS written_value FROM `orgscope_audit` AS au JOIN JSON_TABLE(au.`written`, '$[*]' COLUMNS (v INT PATH '$[0]', k1 BIGINT PATH '$[2]')) AS w JOIN `products` AS t ON t.`product_no` = w.k1 WHERE au.`audit_id` = @audit_id AND t.`tenant_id` IS NOT NULL AND NOT (t.`tenant_id` = w.v) FOR UPDATE;

-- rollback
UPDATE `orgscope_audit` AS au JOIN JSON_TABLE(au.`written`, '$[*]' COLUMNS (v INT PATH '$[0]', k1 BIGINT PATH '$[2]')) AS w JOIN `products` AS t ON t.`product_no` = w.k1 SET t.`tenant_id` = NULL WHERE au.`audit_id` = @audit_id AND t.`tenant_id` = w.v;

