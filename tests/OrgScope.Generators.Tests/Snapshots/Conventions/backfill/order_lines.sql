-- keys_first
SELECT t.`order_code` AS k1, t.`line_id` AS k2 FROM `order_lines` AS t ORDER BY t.`order_code`, t.`line_id` LIMIT @batch_size;

-- keys_after
SELECT t.`order_code` AS k1, t.`line_id` AS k2 FROM `order_lines` AS t WHERE t.`order_code` >= @after_k1 AND (t.`order_code` > @after_k1 OR t.`line_id` > @after_k2) ORDER BY t.`order_code`, t.`line_id` LIMIT @batch_size;

-- lock_keys_first
SELECT t.`order_code` AS k1, t.`line_id` AS k2 FROM `order_lines` AS t FORCE INDEX (PRIMARY) WHERE t.`tenant_id` IS NULL ORDER BY t.`order_code`, t.`line_id` LIMIT @batch_size FOR UPDATE;

-- lock_keys_after
SELECT t.`order_code` AS k1, t.`line_id` AS k2 FROM `order_lines` AS t FORCE INDEX (PRIMARY) WHERE t.`tenant_id` IS NULL AND t.`order_code` >= @after_k1 AND (t.`order_code` > @after_k1 OR t.`line_id` > @after_k2) ORDER BY t.`order_code`, t.`line_id` LIMIT @batch_size FOR UPDATE;

-- lock_keys_first_until
SELECT t.`order_code` AS k1, t.`line_id` AS k2 FROM `order_lines` AS t FORCE INDEX (PRIMARY) WHERE t.`tenant_id` IS NULL AND t.`order_code` <= @until_k1 AND (t.`order_code` < @until_k1 OR t.`line_id` <= @until_k2) ORDER BY t.`order_code`, t.`line_id` LIMIT @batch_size FOR UPDATE;

-- lock_keys_after_until
SELECT t.`order_code` AS k1, t.`line_id` AS k2 FROM `order_lines` AS t FORCE INDEX (PRIMARY) WHERE t.`tenant_id` IS NULL AND t.`order_code` >= @after_k1 AND (t.`order_code` > @after_k1 OR t.`line_id` > @after_k2) AND t.`order_code` <= @until_k1 AND (t.`order_code` < @until_k1 OR t.`line_id` <= @until_k2) ORDER BY t.`order_code`, t.`line_id` LIMIT @batch_size FOR UPDATE;

-- range_end_first
SELECT t.`order_code` AS k1, t.`line_id` AS k2 FROM `order_lines` AS t ORDER BY t.`order_code`, t.`line_id` LIMIT 1 OFFSET @range_offset;

-- range_end_after
SELECT t.`order_code` AS k1, t.`line_id` AS k2 FROM `order_lines` AS t WHERE t.`order_code` >= @after_k1 AND (t.`order_code` > @after_k1 OR t.`line_id` > @after_k2) ORDER BY t.`order_code`, t.`line_id` LIMIT 1 OFFSET @range_offset;

-- estimate_null_rows
EXPLAIN SELECT 1 FROM `order_lines` AS t WHERE t.`tenant_id` IS NULL;

-- null_keys_first
SELECT t.`order_code` AS k1, t.`line_id` AS k2 FROM `order_lines` AS t WHERE t.`tenant_id` IS NULL AND NOT EXISTS (SELECT 1 FROM `orgscope_unresolved` AS u WHERE u.`table_name` = 'order_lines' AND u.`row_key` = CONVERT(CONCAT(REPLACE(REPLACE(CAST(t.`order_code` AS CHAR), '%', '%25'), ',', '%2C'), ',', CAST(t.`line_id` AS CHAR)) USING utf8mb4) COLLATE utf8mb4_bin AND u.`run_id` = @run_id) ORDER BY t.`order_code`, t.`line_id` LIMIT @batch_size FOR UPDATE;

-- null_keys_after
SELECT t.`order_code` AS k1, t.`line_id` AS k2 FROM `order_lines` AS t WHERE t.`tenant_id` IS NULL AND t.`order_code` >= @after_k1 AND (t.`order_code` > @after_k1 OR t.`line_id` > @after_k2) AND NOT EXISTS (SELECT 1 FROM `orgscope_unresolved` AS u WHERE u.`table_name` = 'order_lines' AND u.`row_key` = CONVERT(CONCAT(REPLACE(REPLACE(CAST(t.`order_code` AS CHAR), '%', '%25'), ',', '%2C'), ',', CAST(t.`line_id` AS CHAR)) USING utf8mb4) COLLATE utf8mb4_bin AND u.`run_id` = @run_id) ORDER BY t.`order_code`, t.`line_id` LIMIT @batch_size FOR UPDATE;

-- follow_keys_first
SELECT t.`order_code` AS k1, t.`line_id` AS k2 FROM `order_lines` AS t WHERE t.`tenant_id` IS NULL AND NOT EXISTS (SELECT 1 FROM `orgscope_unresolved` AS u WHERE u.`table_name` = 'order_lines' AND u.`row_key` = CONVERT(CONCAT(REPLACE(REPLACE(CAST(t.`order_code` AS CHAR), '%', '%25'), ',', '%2C'), ',', CAST(t.`line_id` AS CHAR)) USING utf8mb4) COLLATE utf8mb4_bin AND u.`run_id` <> @run_id) ORDER BY t.`order_code`, t.`line_id` LIMIT @batch_size FOR UPDATE;

-- follow_keys_after
SELECT t.`order_code` AS k1, t.`line_id` AS k2 FROM `order_lines` AS t WHERE t.`tenant_id` IS NULL AND t.`order_code` >= @after_k1 AND (t.`order_code` > @after_k1 OR t.`line_id` > @after_k2) AND NOT EXISTS (SELECT 1 FROM `orgscope_unresolved` AS u WHERE u.`table_name` = 'order_lines' AND u.`row_key` = CONVERT(CONCAT(REPLACE(REPLACE(CAST(t.`order_code` AS CHAR), '%', '%25'), ',', '%2C'), ',', CAST(t.`line_id` AS CHAR)) USING utf8mb4) COLLATE utf8mb4_bin AND u.`run_id` <> @run_id) ORDER BY t.`order_code`, t.`line_id` LIMIT @batch_size FOR UPDATE;

-- audit
INSERT INTO `orgscope_audit` (`run_id`, `table_name`, `batch_no`, `rows_written`, `written`) SELECT @run_id, 'order_lines', @batch_no, COUNT(*), COALESCE(JSON_ARRAYAGG(JSON_ARRAY(r.o1, CASE WHEN r.o1 IS NOT NULL THEN 'ProductId' END, r.k1, r.k2)), JSON_ARRAY()) FROM (SELECT t.`order_code` AS k1, t.`line_id` AS k2, t_s1_o.`id` AS o1, CASE WHEN t.`product_id` IS NULL THEN NULL WHEN t_s1.`product_no` IS NULL THEN 'orphan_reference' WHEN t_s1.`tenant_id` IS NULL THEN 'referenced_row_unresolved' WHEN t_s1_o.`id` IS NULL THEN 'orphan_reference' END AS w1 FROM `order_lines` AS t LEFT JOIN `products` AS t_s1 ON t_s1.`product_no` = t.`product_id` LEFT JOIN `tenants` AS t_s1_o ON t_s1_o.`id` = t_s1.`tenant_id` WHERE t.`order_code` >= @from_k1 AND (t.`order_code` > @from_k1 OR t.`line_id` >= @from_k2) AND t.`order_code` <= @to_k1 AND (t.`order_code` < @to_k1 OR t.`line_id` <= @to_k2) AND t.`tenant_id` IS NULL) AS r WHERE r.o1 IS NOT NULL;

-- update
UPDATE `orgscope_audit` AS au JOIN JSON_TABLE(au.`written`, '$[*]' COLUMNS (v INT PATH '$[0]', k1 VARCHAR(20) PATH '$[2]', k2 BIGINT PATH '$[3]')) AS w JOIN `order_lines` AS t ON t.`order_code` = w.k1 AND t.`line_id` = w.k2 SET t.`tenant_id` = w.v WHERE au.`audit_id` = LAST_INSERT_ID() AND t.`order_code` >= @from_k1 AND (t.`order_code` > @from_k1 OR t.`line_id` >= @from_k2) AND t.`order_code` <= @to_k1 AND (t.`order_code` < @to_k1 OR t.`line_id` <= @to_k2) AND t.`tenant_id` IS NULL;

-- unresolved
INSERT INTO `orgscope_unresolved` (`table_name`, `row_key`, `reason`, `candidates`, `run_id`) SELECT x.table_name, x.row_key, x.reason, x.candidates, x.run_id FROM (SELECT 'order_lines' AS table_name, r.row_key AS row_key, CASE WHEN r.w1 IS NOT NULL THEN r.w1 ELSE 'no_source_value' END AS reason, r.c1 AS candidates, @run_id AS run_id FROM (SELECT CONVERT(CONCAT(REPLACE(REPLACE(CAST(t.`order_code` AS CHAR), '%', '%25'), ',', '%2C'), ',', CAST(t.`line_id` AS CHAR)) USING utf8mb4) COLLATE utf8mb4_bin AS row_key, t_s1_o.`id` AS o1, CASE WHEN t.`product_id` IS NULL THEN NULL WHEN t_s1.`product_no` IS NULL THEN 'orphan_reference' WHEN t_s1.`tenant_id` IS NULL THEN 'referenced_row_unresolved' WHEN t_s1_o.`id` IS NULL THEN 'orphan_reference' END AS w1, t_s1_o.`id` AS c1 FROM `order_lines` AS t LEFT JOIN `products` AS t_s1 ON t_s1.`product_no` = t.`product_id` LEFT JOIN `tenants` AS t_s1_o ON t_s1_o.`id` = t_s1.`tenant_id` WHERE t.`order_code` >= @from_k1 AND (t.`order_code` > @from_k1 OR t.`line_id` >= @from_k2) AND t.`order_code` <= @to_k1 AND (t.`order_code` < @to_k1 OR t.`line_id` <= @to_k2) AND t.`tenant_id` IS NULL) AS r WHERE r.o1 IS NULL) AS x ON DUPLICATE KEY UPDATE `reason` = x.reason, `candidates` = x.candidates, `run_id` = x.run_id;

-- dry_run
SELECT x.outcome, x.detail, COUNT(*) AS row_count FROM (SELECT CASE WHEN r.o1 IS NULL THEN 'unresolved' ELSE 'set' END AS outcome, CASE WHEN r.o1 IS NULL THEN CASE WHEN r.w1 IS NOT NULL THEN r.w1 ELSE 'no_source_value' END ELSE CASE WHEN r.o1 IS NOT NULL THEN 'ProductId' END END AS detail FROM (SELECT CONVERT(CONCAT(REPLACE(REPLACE(CAST(t.`order_code` AS CHAR), '%', '%25'), ',', '%2C'), ',', CAST(t.`line_id` AS CHAR)) USING utf8mb4) COLLATE utf8mb4_bin AS row_key, t_s1_o.`id` AS o1, CASE WHEN t.`product_id` IS NULL THEN NULL WHEN t_s1.`product_no` IS NULL THEN 'orphan_reference' WHEN COALESCE(t_s1.`tenant_id`, COALESCE(t_s1_s1_o.`id`, t_s1_s2.`id`)) IS NULL THEN 'referenced_row_unresolved' WHEN t_s1_o.`id` IS NULL THEN 'orphan_reference' END AS w1 FROM `order_lines` AS t LEFT JOIN `products` AS t_s1 ON t_s1.`product_no` = t.`product_id` LEFT JOIN `categories` AS t_s1_s1 ON t_s1_s1.`id` = t_s1.`category_id` LEFT JOIN `tenants` AS t_s1_s1_o ON t_s1_s1_o.`id` = COALESCE(t_s1_s1.`tenant_id`, COALESCE()) LEFT JOIN `tenants` AS t_s1_s2 ON t_s1_s2.`id` = t_s1.`owner_tenant` LEFT JOIN `tenants` AS t_s1_o ON t_s1_o.`id` = COALESCE(t_s1.`tenant_id`, COALESCE(t_s1_s1_o.`id`, t_s1_s2.`id`)) WHERE t.`order_code` >= @from_k1 AND (t.`order_code` > @from_k1 OR t.`line_id` >= @from_k2) AND t.`order_code` <= @to_k1 AND (t.`order_code` < @to_k1 OR t.`line_id` <= @to_k2) AND t.`tenant_id` IS NULL) AS r) AS x GROUP BY x.outcome, x.detail ORDER BY x.outcome, x.detail;

-- rollback_conflicts
SELECT CONVERT(CONCAT(REPLACE(REPLACE(CAST(t.`order_code` AS CHAR), '%', '%25'), ',', '%2C'), ',', CAST(t.`line_id` AS CHAR)) USING utf8mb4) COLLATE utf8mb4_bin AS row_key, t.`tenant_id` AS current_value, w.v AS written_value FROM `orgscope_audit` AS au JOIN JSON_TABLE(au.`written`, '$[*]' COLUMNS (v INT PATH '$[0]', k1 VARCHAR(20) PATH '$[2]', k2 BIGINT PATH '$[3]')) AS w JOIN `order_lines` AS t ON t.`order_code` = w.k1 AND t.`line_id` = w.k2 WHERE au.`audit_id` = @audit_id AND t.`tenant_id` IS NOT NULL AND NOT (t.`tenant_id` = w.v) FOR UPDATE;

-- rollback
UPDATE `orgscope_audit` AS au JOIN JSON_TABLE(au.`written`, '$[*]' COLUMNS (v INT PATH '$[0]', k1 VARCHAR(20) PATH '$[2]', k2 BIGINT PATH '$[3]')) AS w JOIN `order_lines` AS t ON t.`order_code` = w.k1 AND t.`line_id` = w.k2 SET t.`tenant_id` = NULL WHERE au.`audit_id` = @audit_id AND t.`tenant_id` = w.v;

