namespace CloudAuditor.Notifications;

/// <summary>A way to reach owners: mail, a chat webhook, an event bus.</summary>
public interface INotificationChannel
{
    string Name { get; }

    /// <exception cref="NotificationException">The channel refused or could not be reached.</exception>
    Task SendAsync(OwnerDigest digest, CancellationToken cancellationToken);
}
