-- keys_first
SELECT t.`id` AS k1 FROM `categories` AS t ORDER BY t.`id` LIMIT @batch_size;

-- keys_after
SELECT t.`id` AS k1 FROM `categories` AS t WHERE t.`id` > @after_k1 ORDER BY t.`id` LIMIT @batch_size;

-- lock_keys_first
SELECT t.`id` AS k1 FROM `categories` AS t FORCE INDEX (PRIMARY) WHERE t.`tenant_id` IS NULL ORDER BY t.`id` LIMIT @batch_size FOR UPDATE;

-- lock_keys_after
SELECT t.`id` AS k1 FROM `categories` AS t FORCE INDEX (PRIMARY) WHERE t.`tenant_id` IS NULL AND t.`id` > @after_k1 ORDER BY t.`id` LIMIT @batch_size FOR UPDATE;

-- lock_keys_first_until
SELECT t.`id` AS k1 FROM `categories` AS t FORCE INDEX (PRIMARY) WHERE t.`tenant_id` IS NULL AND t.`id` <= @until_k1 ORDER BY t.`id` LIMIT @batch_size FOR UPDATE;

-- lock_keys_after_until
SELECT t.`id` AS k1 FROM `categories` AS t FORCE INDEX (PRIMARY) WHERE t.`tenant_id` IS NULL AND t.`id` > @after_k1 AND t.`id` <= @until_k1 ORDER BY t.`id` LIMIT @batch_size FOR UPDATE;

-- range_end_first
SELECT t.`id` AS k1 FROM `categories` AS t ORDER BY t.`id` LIMIT 1 OFFSET @range_offset;

-- range_end_after
SELECT t.`id` AS k1 FROM `categories` AS t WHERE t.`id` > @after_k1 ORDER BY t.`id` LIMIT 1 OFFSET @range_offset;

-- estimate_null_rows
EXPLAIN SELECT 1 FROM `categories` AS t WHERE t.`tenant_id` IS NULL;

-- null_keys_first
SELECT t.`id` AS k1 FROM `categories` AS t WHERE t.`tenant_id` IS NULL AND NOT EXISTS (SELECT 1 FROM `orgscope_unresolved` AS u WHERE u.`table_name` = 'categories' AND u.`row_key` = CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AND u.`run_id` = @run_id) ORDER BY t.`id` LIMIT @batch_size FOR UPDATE;

-- null_keys_after
SELECT t.`id` AS k1 FROM `categories` AS t WHERE t.`tenant_id` IS NULL AND t.`id` > @after_k1 AND NOT EXISTS (SELECT 1 FROM `orgscope_unresolved` AS u WHERE u.`table_name` = 'categories' AND u.`row_key` = CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AND u.`run_id` = @run_id) ORDER BY t.`id` LIMIT @batch_size FOR UPDATE;

-- follow_keys_first
SELECT t.`id` AS k1 FROM `categories` AS t WHERE t.`tenant_id` IS NULL AND NOT EXISTS (SELECT 1 FROM `orgscope_unresolved` AS u WHERE u.`table_name` = 'categories' AND u.`row_key` = CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AND u.`run_id` <> @run_id) ORDER BY t.`id` LIMIT @batch_size FOR UPDATE;

-- follow_keys_after
SELECT t.`id` AS k1 FROM `categories` AS t WHERE t.`tenant_id` IS NULL AND t.`id` > @after_k1 AND NOT EXISTS (SELECT 1 FROM `orgscope_unresolved` AS u WHERE u.`table_name` = 'categories' AND u.`row_key` = CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AND u.`run_id` <> @run_id) ORDER BY t.`id` LIMIT @batch_size FOR UPDATE;

-- audit
INSERT INTO `orgscope_audit` (`run_id`, `table_name`, `batch_no`, `rows_written`, `written`) SELECT @run_id, 'categories', @batch_no, COUNT(*), COALESCE(JSON_ARRAYAGG(JSON_ARRAY(COALESCE(), CASE END, r.k1)), JSON_ARRAY()) FROM (SELECT t.`id` AS k1 FROM `categories` AS t WHERE t.`id` >= @from_k1 AND t.`id` <= @to_k1 AND t.`tenant_id` IS NULL) AS r WHERE COALESCE() IS NOT NULL;

-- update
UPDATE `orgscope_audit` AS au JOIN JSON_TABLE(au.`written`, '$[*]' COLUMNS (v INT PATH '$[0]', k1 INT PATH '$[2]')) AS w JOIN `categories` AS t ON t.`id` = w.k1 SET t.`tenant_id` = w.v WHERE au.`audit_id` = LAST_INSERT_ID() AND t.`id` >= @from_k1 AND t.`id` <= @to_k1 AND t.`tenant_id` IS NULL;

-- unresolved
INSERT INTO `orgscope_unresolved` (`table_name`, `row_key`, `reason`, `candidates`, `run_id`) SELECT x.table_name, x.row_key, x.reason, x.candidates, x.run_id FROM (SELECT 'categories' AS table_name, r.row_key AS row_key, CASE ELSE 'no_source_value' END AS reason, CONCAT_WS(',', ) AS candidates, @run_id AS run_id FROM (SELECT CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AS row_key FROM `categories` AS t WHERE t.`id` >= @from_k1 AND t.`id` <= @to_k1 AND t.`tenant_id` IS NULL) AS r WHERE COALESCE() IS NULL) AS x ON DUPLICATE KEY UPDATE `reason` = x.reason, `candidates` = x.candidates, `run_id` = x.run_id;

-- dry_run
SELECT x.outcome, x.detail, COUNT(*) AS row_count FROM (SELECT CASE WHEN COALESCE() IS NULL THEN 'unresolved' ELSE 'set' END AS outcome, CASE WHEN COALESCE() IS NULL THEN CASE ELSE 'no_source_value' END ELSE CASE END END AS detail FROM (SELECT CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AS row_key FROM `categories` AS t WHERE t.`id` >= @from_k1 AND t.`id` <= @to_k1 AND t.`tenant_id` IS NULL) AS r) AS x GROUP BY x.outcome, x.detail ORDER BY x.outcome, x.detail;

-- rollback_conflicts
SELECT CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AS row_key, t.`tenant_id` AS current_value, w.v AS written_value FROM `orgscope_audit` AS au JOIN JSON_TABLE(au.`written`, '$[*]' COLUMNS (v INT PATH '$[0]', k1 INT PATH '$[2]')) AS w JOIN `categories` AS t ON t.`id` = w.k1 WHERE au.`audit_id` = @audit_id AND t.`tenant_id` IS NOT NULL AND NOT (t.`tenant_id` = w.v) FOR UPDATE;

-- rollback
UPDATE `orgscope_audit` AS au JOIN JSON_TABLE(au.`written`, '$[*]' COLUMNS (v INT PATH '$[0]', k1 INT PATH '$[2]')) AS w JOIN `categories` AS t ON t.`id` = w.k1 SET t.`tenant_id` = NULL WHERE au.`audit_id` = @audit_id AND t.`tenant_id` = w.v;

