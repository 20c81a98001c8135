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
INSERT INTO `orgscope_audit` (`run_id`, `table_name`, `row_key`, `batch_no`, `old_value`, `new_value`, `source`) SELECT @run_id, 'categories', r.row_key, @batch_no, NULL, COALESCE(), CASE END FROM (SELECT CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AS row_key FROM `categories` AS t WHERE t.`id` >= @from_k1 AND t.`id` <= @to_k1 AND t.`tenant_id` IS NULL) AS r WHERE COALESCE() IS NOT NULL;

-- audit_sweep
INSERT INTO `orgscope_audit` (`run_id`, `table_name`, `row_key`, `batch_no`, `old_value`, `new_value`, `source`) SELECT @run_id, 'categories', r.row_key, @batch_no, NULL, COALESCE(), CASE END FROM (SELECT CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AS row_key FROM `categories` AS t LEFT JOIN `orgscope_audit` AS p ON p.`run_id` = @run_id AND p.`table_name` = 'categories' AND p.`row_key` = CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin WHERE t.`id` >= @from_k1 AND t.`id` <= @to_k1 AND t.`tenant_id` IS NULL AND p.`row_key` IS NULL) AS r WHERE COALESCE() IS NOT NULL;

-- update
UPDATE `categories` AS t JOIN `orgscope_audit` AS au ON au.`run_id` = @run_id AND au.`table_name` = 'categories' AND au.`row_key` = CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AND au.`batch_no` = @batch_no SET t.`tenant_id` = au.`new_value` WHERE t.`id` >= @from_k1 AND t.`id` <= @to_k1 AND t.`tenant_id` IS NULL;

-- unresolved
INSERT INTO `orgscope_unresolved` (`table_name`, `row_key`, `reason`, `candidates`, `run_id`) SELECT x.table_name, x.row_key, x.reason, x.candidates, x.run_id FROM (SELECT 'categories' AS table_name, r.row_key AS row_key, CASE ELSE 'no_source_value' END AS reason, CONCAT_WS(',', ) AS candidates, @run_id AS run_id FROM (SELECT CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AS row_key FROM `categories` AS t WHERE t.`id` >= @from_k1 AND t.`id` <= @to_k1 AND t.`tenant_id` IS NULL) AS r WHERE COALESCE() IS NULL) AS x ON DUPLICATE KEY UPDATE `reason` = x.reason, `candidates` = x.candidates, `run_id` = x.run_id;

-- dry_run
SELECT x.outcome, x.detail, COUNT(*) AS row_count FROM (SELECT CASE WHEN COALESCE() IS NULL THEN 'unresolved' ELSE 'set' END AS outcome, CASE WHEN COALESCE() IS NULL THEN CASE ELSE 'no_source_value' END ELSE CASE END END AS detail FROM (SELECT CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AS row_key FROM `categories` AS t WHERE t.`id` >= @from_k1 AND t.`id` <= @to_k1 AND t.`tenant_id` IS NULL) AS r) AS x GROUP BY x.outcome, x.detail ORDER BY x.outcome, x.detail;

-- rollback_conflicts
SELECT au.`row_key`, t.`tenant_id` AS current_value, au.`new_value` FROM `categories` AS t JOIN `orgscope_audit` AS au ON au.`run_id` = @run_id AND au.`table_name` = 'categories' AND au.`row_key` = CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin WHERE t.`id` >= @from_k1 AND t.`id` <= @to_k1 AND NOT (t.`tenant_id` <=> au.`new_value`) AND NOT (t.`tenant_id` <=> au.`old_value`) FOR UPDATE;

-- rollback
UPDATE `categories` AS t JOIN `orgscope_audit` AS au ON au.`run_id` = @run_id AND au.`table_name` = 'categories' AND au.`row_key` = CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin SET t.`tenant_id` = au.`old_value` WHERE t.`id` >= @from_k1 AND t.`id` <= @to_k1 AND t.`tenant_id` <=> au.`new_value`;

