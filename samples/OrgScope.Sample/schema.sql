-- The legacy schema of the sample app, before OrgScope: organization_id exists only where newer
-- code already added it (achievements, partly filled). No foreign keys, as in the original app.
CREATE TABLE organizations (
  id BIGINT NOT NULL AUTO_INCREMENT,
  name VARCHAR(200) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE users (
  id BIGINT NOT NULL AUTO_INCREMENT,
  email VARCHAR(255) NOT NULL,
  current_organization_id BIGINT NULL,
  PRIMARY KEY (id),
  KEY ix_users_current_organization_id (current_organization_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE user_organizations (
  user_id BIGINT NOT NULL,
  organization_id BIGINT NOT NULL,
  is_primary TINYINT(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, organization_id),
  KEY ix_user_organizations_organization_id (organization_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE tasks (
  id BIGINT NOT NULL AUTO_INCREMENT,
  title VARCHAR(200) NOT NULL,
  assigned_to BIGINT NULL,
  PRIMARY KEY (id),
  KEY ix_tasks_assigned_to (assigned_to)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE rewards (
  id BIGINT NOT NULL AUTO_INCREMENT,
  name VARCHAR(200) NOT NULL,
  created_by BIGINT NULL,
  PRIMARY KEY (id),
  KEY ix_rewards_created_by (created_by)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE user_rewards (
  user_id BIGINT NOT NULL,
  reward_id BIGINT NOT NULL,
  granted_at DATETIME NOT NULL,
  PRIMARY KEY (user_id, reward_id),
  KEY ix_user_rewards_reward_id (reward_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE achievements (
  id BIGINT NOT NULL AUTO_INCREMENT,
  name VARCHAR(200) NOT NULL,
  created_by BIGINT NULL,
  organization_id BIGINT NULL,
  PRIMARY KEY (id),
  KEY ix_achievements_created_by (created_by)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE user_achievements (
  user_id BIGINT NOT NULL,
  achievement_id BIGINT NOT NULL,
  earned_at DATETIME NOT NULL,
  PRIMARY KEY (user_id, achievement_id),
  KEY ix_user_achievements_achievement_id (achievement_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
