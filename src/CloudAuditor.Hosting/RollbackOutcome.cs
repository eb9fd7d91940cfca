namespace CloudAuditor.Hosting;

public enum RollbackOutcome { RolledBack, AlreadyRolledBack, UnknownId, UnknownTarget, NotUndoable, Failed }
