-- keys_first
SELECT t.`id` AS k1 FROM `achievements` AS t ORDER BY t.`id` LIMIT @batch_size;

-- keys_after
SELECT t.`id` AS k1 FROM `achievements` AS t WHERE t.`id` > @after_k1 ORDER BY t.`id` LIMIT @batch_size;

-- lock_keys_first
SELECT t.`id` AS k1 FROM `achievements` AS t FORCE INDEX (PRIMARY) WHERE t.`organization_id` IS NULL ORDER BY t.`id` LIMIT @batch_size FOR UPDATE;

-- lock_keys_after
SELECT t.`id` AS k1 FROM `achievements` AS t FORCE INDEX (PRIMARY) WHERE t.`organization_id` IS NULL AND t.`id` > @after_k1 ORDER BY t.`id` LIMIT @batch_size FOR UPDATE;

-- lock_keys_first_until
SELECT t.`id` AS k1 FROM `achievements` AS t FORCE INDEX (PRIMARY) WHERE t.`organization_id` IS NULL AND t.`id` <= @until_k1 ORDER BY t.`id` LIMIT @batch_size FOR UPDATE;

-- lock_keys_after_until
SELECT t.`id` AS k1 FROM `achievements` AS t FORCE INDEX (PRIMARY) WHERE t.`organization_id` IS NULL AND t.`id` > @after_k1 AND t.`id` <= @until_k1 ORDER BY t.`id` LIMIT @batch_size FOR UPDATE;

-- range_end_first
SELECT t.`id` AS k1 FROM `achievements` AS t ORDER BY t.`id` LIMIT 1 OFFSET @range_offset;

-- range_end_after
SELECT t.`id` AS k1 FROM `achievements` AS t WHERE t.`id` > @after_k1 ORDER BY t.`id` LIMIT 1 OFFSET @range_offset;

-- estimate_null_rows
EXPLAIN SELECT 1 FROM `achievements` AS t WHERE t.`organization_id` IS NULL;

-- null_keys_first
SELECT t.`id` AS k1 FROM `achievements` AS t WHERE t.`organization_id` IS NULL AND NOT EXISTS (SELECT 1 FROM `orgscope_unresolved` AS u WHERE u.`table_name` = 'achievements' AND u.`row_key` = CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AND u.`run_id` = @run_id) ORDER BY t.`id` LIMIT @batch_size FOR UPDATE;

-- null_keys_after
SELECT t.`id` AS k1 FROM `achievements` AS t WHERE t.`organization_id` IS NULL AND t.`id` > @after_k1 AND NOT EXISTS (SELECT 1 FROM `orgscope_unresolved` AS u WHERE u.`table_name` = 'achievements' AND u.`row_key` = CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AND u.`run_id` = @run_id) ORDER BY t.`id` LIMIT @batch_size FOR UPDATE;

-- follow_keys_first
SELECT t.`id` AS k1 FROM `achievements` AS t WHERE t.`organization_id` IS NULL AND NOT EXISTS (SELECT 1 FROM `orgscope_unresolved` AS u WHERE u.`table_name` = 'achievements' AND u.`row_key` = CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AND u.`run_id` <> @run_id) ORDER BY t.`id` LIMIT @batch_size FOR UPDATE;

-- follow_keys_after
SELECT t.`id` AS k1 FROM `achievements` AS t WHERE t.`organization_id` IS NULL AND t.`id` > @after_k1 AND NOT EXISTS (SELECT 1 FROM `orgscope_unresolved` AS u WHERE u.`table_name` = 'achievements' AND u.`row_key` = CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AND u.`run_id` <> @run_id) ORDER BY t.`id` LIMIT @batch_size FOR UPDATE;

-- audit
INSERT INTO `orgscope_audit` (`run_id`, `table_name`, `batch_no`, `rows_written`, `written`) SELECT @run_id, 'achievements', @batch_no, COUNT(*), COALESCE(JSON_ARRAYAGG(JSON_ARRAY(r.o1, CASE WHEN r.o1 IS NOT NULL THEN 'CreatedBy' END, r.k1)), JSON_ARRAY()) FROM (SELECT t.`id` AS k1, t_s1_o.`id` AS o1, CASE WHEN t.`created_by` IS NULL THEN NULL WHEN t_s1.`id` IS NULL THEN 'orphan_reference' WHEN t_s1.`organization_id` IS NULL THEN 'referenced_row_unresolved' WHEN t_s1_o.`id` IS NULL THEN 'orphan_reference' END AS w1 FROM `achievements` AS t LEFT JOIN `users` AS t_s1 ON t_s1.`id` = t.`created_by` LEFT JOIN `organizations` AS t_s1_o ON t_s1_o.`id` = t_s1.`organization_id` WHERE t.`id` >= @from_k1 AND t.`id` <= @to_k1 AND t.`organization_id` IS NULL) AS r WHERE r.o1 IS NOT NULL;

-- update
UPDATE `orgscope_audit` AS au JOIN JSON_TABLE(au.`written`, '$[*]' COLUMNS (v BIGINT PATH '$[0]', k1 BIGINT PATH '$[2]')) AS w JOIN `achievements` AS t ON t.`id` = w.k1 SET t.`organization_id` = w.v WHERE au.`audit_id` = LAST_INSERT_ID() AND t.`id` >= @from_k1 AND t.`id` <= @to_k1 AND t.`organization_id` IS NULL;

-- unresolved
INSERT INTO `orgscope_unresolved` (`table_name`, `row_key`, `reason`, `candidates`, `run_id`) SELECT x.table_name, x.row_key, x.reason, x.candidates, x.run_id FROM (SELECT 'achievements' AS table_name, r.row_key AS row_key, CASE WHEN r.w1 IS NOT NULL THEN r.w1 ELSE 'no_source_value' END AS reason, r.c1 AS candidates, @run_id AS run_id FROM (SELECT CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AS row_key, t_s1_o.`id` AS o1, CASE WHEN t.`created_by` IS NULL THEN NULL WHEN t_s1.`id` IS NULL THEN 'orphan_reference' WHEN t_s1.`organization_id` IS NULL THEN 'referenced_row_unresolved' WHEN t_s1_o.`id` IS NULL THEN 'orphan_reference' END AS w1, t_s1_o.`id` AS c1 FROM `achievements` AS t LEFT JOIN `users` AS t_s1 ON t_s1.`id` = t.`created_by` LEFT JOIN `organizations` AS t_s1_o ON t_s1_o.`id` = t_s1.`organization_id` WHERE t.`id` >= @from_k1 AND t.`id` <= @to_k1 AND t.`organization_id` IS NULL) AS r WHERE r.o1 IS NULL) AS x ON DUPLICATE KEY UPDATE `reason` = x.reason, `candidates` = x.candidates, `run_id` = x.run_id;

-- dry_run
SELECT x.outcome, x.detail, COUNT(*) AS row_count FROM (SELECT CASE WHEN r.o1 IS NULL THEN 'unresolved' ELSE 'set' END AS outcome, CASE WHEN r.o1 IS NULL THEN CASE WHEN r.w1 IS NOT NULL THEN r.w1 ELSE 'no_source_value' END ELSE CASE WHEN r.o1 IS NOT NULL THEN 'CreatedBy' END END AS detail FROM (SELECT CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AS row_key, t_s1_o.`id` AS o1, CASE WHEN t.`created_by` IS NULL THEN NULL WHEN t_s1.`id` IS NULL THEN 'orphan_reference' WHEN COALESCE(t_s1.`organization_id`, CASE WHEN ((t_s1_s2.`id` IS NOT NULL AND t_s1_s2.`id` <> COALESCE((SELECT CASE WHEN COUNT(*) = 1 THEN MIN(t_s1_s1_o.`id`) END FROM `user_organizations` AS t_s1_s1_m LEFT JOIN `organizations` AS t_s1_s1_o ON t_s1_s1_o.`id` = t_s1_s1_m.`organization_id` WHERE t_s1_s1_m.`user_id` = t_s1.`id` AND t_s1_s1_m.`is_primary` <> 0), t_s1_s2.`id`))) THEN NULL ELSE COALESCE((SELECT CASE WHEN COUNT(*) = 1 THEN MIN(t_s1_s1_o.`id`) END FROM `user_organizations` AS t_s1_s1_m LEFT JOIN `organizations` AS t_s1_s1_o ON t_s1_s1_o.`id` = t_s1_s1_m.`organization_id` WHERE t_s1_s1_m.`user_id` = t_s1.`id` AND t_s1_s1_m.`is_primary` <> 0), t_s1_s2.`id`) END) IS NULL THEN 'referenced_row_unresolved' WHEN t_s1_o.`id` IS NULL THEN 'orphan_reference' END AS w1 FROM `achievements` AS t LEFT JOIN `users` AS t_s1 ON t_s1.`id` = t.`created_by` LEFT JOIN `organizations` AS t_s1_s2 ON t_s1_s2.`id` = t_s1.`current_organization_id` LEFT JOIN `organizations` AS t_s1_o ON t_s1_o.`id` = COALESCE(t_s1.`organization_id`, CASE WHEN ((t_s1_s2.`id` IS NOT NULL AND t_s1_s2.`id` <> COALESCE((SELECT CASE WHEN COUNT(*) = 1 THEN MIN(t_s1_s1_o.`id`) END FROM `user_organizations` AS t_s1_s1_m LEFT JOIN `organizations` AS t_s1_s1_o ON t_s1_s1_o.`id` = t_s1_s1_m.`organization_id` WHERE t_s1_s1_m.`user_id` = t_s1.`id` AND t_s1_s1_m.`is_primary` <> 0), t_s1_s2.`id`))) THEN NULL ELSE COALESCE((SELECT CASE WHEN COUNT(*) = 1 THEN MIN(t_s1_s1_o.`id`) END FROM `user_organizations` AS t_s1_s1_m LEFT JOIN `organizations` AS t_s1_s1_o ON t_s1_s1_o.`id` = t_s1_s1_m.`organization_id` WHERE t_s1_s1_m.`user_id` = t_s1.`id` AND t_s1_s1_m.`is_primary` <> 0), t_s1_s2.`id`) END) WHERE t.`id` >= @from_k1 AND t.`id` <= @to_k1 AND t.`organization_id` IS NULL) AS r) AS x GROUP BY x.outcome, x.detail ORDER BY x.outcome, x.detail;

-- rollback_conflicts
SELECT CONVERT(CAST(t.`id` AS CHAR) USING utf8mb4) COLLATE utf8mb4_bin AS row_key, t.`organization_id` AS current_value, w.v AS written_value FROM `orgscope_audit` AS au JOIN JSON_TABLE(au.`written`, '$[*]' COLUMNS (v BIGINT PATH '$[0]', k1 BIGINT PATH '$[2]')) AS w JOIN `achievements` AS t ON t.`id` = w.k1 WHERE au.`audit_id` = @audit_id AND t.`organization_id` IS NOT NULL AND NOT (t.`organization_id` = w.v) FOR UPDATE;

-- rollback
UPDATE `orgscope_audit` AS au JOIN JSON_TABLE(au.`written`, '$[*]' COLUMNS (v BIGINT PATH '$[0]', k1 BIGINT PATH '$[2]')) AS w JOIN `achievements` AS t ON t.`id` = w.k1 SET t.`organization_id` = NULL WHERE au.`audit_id` = @audit_id AND t.`organization_id` = w.v;

