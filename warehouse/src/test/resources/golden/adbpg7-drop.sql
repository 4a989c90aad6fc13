DROP FOREIGN TABLE IF EXISTS "staging"."Orders";
DROP USER MAPPING IF EXISTS FOR "loader" SERVER "Orders_oss_server";
DROP SERVER IF EXISTS "Orders_oss_server";
