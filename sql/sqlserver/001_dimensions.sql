-- SQL Server version of the script of the same name in sql/duckdb; keep them in step. Re-runnable.
IF OBJECT_ID(N'dbo.dim_date', N'U') IS NULL
    CREATE TABLE dbo.dim_date (
        date_key      INT NOT NULL PRIMARY KEY,
        date          DATE NOT NULL,
        year          SMALLINT NOT NULL,
        quarter       SMALLINT NOT NULL,
        month         SMALLINT NOT NULL,
        day           SMALLINT NOT NULL,
        iso_week      SMALLINT NOT NULL,
        day_of_week   SMALLINT NOT NULL,
        month_label   NVARCHAR(7) NOT NULL,
        quarter_label NVARCHAR(7) NOT NULL
    );

IF OBJECT_ID(N'dbo.dim_office', N'U') IS NULL
    CREATE TABLE dbo.dim_office (
        office_code   NVARCHAR(100) NOT NULL PRIMARY KEY,
        name          NVARCHAR(400) NOT NULL,
        office_type   NVARCHAR(100) NOT NULL,
        country       NVARCHAR(100) NOT NULL,
        iana_zone     NVARCHAR(100) NOT NULL,
        is_main_entry BIT NOT NULL,
        is_main_exit  BIT NOT NULL
    );

IF OBJECT_ID(N'dbo.dim_transport_mode', N'U') IS NULL
    CREATE TABLE dbo.dim_transport_mode (mode_code NVARCHAR(20) NOT NULL PRIMARY KEY, name NVARCHAR(100) NOT NULL);
INSERT INTO dbo.dim_transport_mode (mode_code, name)
SELECT v.mode_code, v.name FROM (VALUES (N'AIR', N'Air'), (N'SEA', N'Sea'), (N'LAND', N'Land (road)'), (N'RAIL', N'Rail')) AS v (mode_code, name)
WHERE NOT EXISTS (SELECT 1 FROM dbo.dim_transport_mode d WHERE d.mode_code = v.mode_code);

IF OBJECT_ID(N'dbo.dim_control_channel', N'U') IS NULL
    CREATE TABLE dbo.dim_control_channel (channel_code NVARCHAR(20) NOT NULL PRIMARY KEY, name NVARCHAR(100) NOT NULL, is_customs_control BIT NOT NULL);
INSERT INTO dbo.dim_control_channel (channel_code, name, is_customs_control)
SELECT v.channel_code, v.name, v.is_customs_control
FROM (VALUES (N'GREEN', N'Green: no examination', 0), (N'YELLOW', N'Yellow: documentary check', 0),
             (N'RED', N'Red: physical examination', 1), (N'NII', N'Non-intrusive inspection', 1)) AS v (channel_code, name, is_customs_control)
WHERE NOT EXISTS (SELECT 1 FROM dbo.dim_control_channel d WHERE d.channel_code = v.channel_code);

IF OBJECT_ID(N'dbo.dim_procedure', N'U') IS NULL
    CREATE TABLE dbo.dim_procedure (declaration_type NVARCHAR(20) NOT NULL PRIMARY KEY, name NVARCHAR(100) NOT NULL);
INSERT INTO dbo.dim_procedure (declaration_type, name)
SELECT v.declaration_type, v.name
FROM (VALUES (N'IMPORT', N'Import declaration'), (N'EXPORT', N'Export declaration'),
             (N'TRANSIT', N'Transit declaration'), (N'CARGO', N'Cargo declaration (manifest)')) AS v (declaration_type, name)
WHERE NOT EXISTS (SELECT 1 FROM dbo.dim_procedure d WHERE d.declaration_type = v.declaration_type);

IF OBJECT_ID(N'dbo.dim_submission_channel', N'U') IS NULL
    CREATE TABLE dbo.dim_submission_channel (channel_code NVARCHAR(20) NOT NULL PRIMARY KEY, name NVARCHAR(100) NOT NULL, is_electronic BIT NOT NULL);
INSERT INTO dbo.dim_submission_channel (channel_code, name, is_electronic)
SELECT v.channel_code, v.name, v.is_electronic
FROM (VALUES (N'EDI', N'EDI message', 1), (N'WEB', N'Web form', 1), (N'SINGLE_WINDOW', N'Single Window', 1),
             (N'EMAIL', N'E-mail', 0), (N'SCAN', N'Scanned upload', 0), (N'PAPER', N'Paper', 0)) AS v (channel_code, name, is_electronic)
WHERE NOT EXISTS (SELECT 1 FROM dbo.dim_submission_channel d WHERE d.channel_code = v.channel_code);

IF OBJECT_ID(N'dbo.dim_trader', N'U') IS NULL
    CREATE TABLE dbo.dim_trader (trader_id NVARCHAR(100) NOT NULL PRIMARY KEY, is_aeo BIT NOT NULL, last_seen_date DATE NOT NULL);
