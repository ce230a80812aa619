-- The walking skeleton's table is replaced by the operation log (0002): a client's preferred name
-- is now the field `preferred_name` of their dossier record, written through /api/v1/sync/push by
-- someone allowed to. The table only ever held demo data (the skeleton was never deployed).
DROP TABLE preferred_names;
