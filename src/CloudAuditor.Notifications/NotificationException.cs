namespace CloudAuditor.Notifications;

public sealed class NotificationException(string message, Exception? inner = null) : Exception(message, inner);
