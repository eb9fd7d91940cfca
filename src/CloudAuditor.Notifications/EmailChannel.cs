using CloudAuditor.Core.Config;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace CloudAuditor.Notifications;

/// <summary>SMTP through MailKit: one multipart (text + HTML) message per owner digest.</summary>
public sealed class EmailChannel(EmailSettings settings) : INotificationChannel
{
    public string Name => "email";

    public async Task SendAsync(OwnerDigest digest, CancellationToken cancellationToken)
    {
        var message = new MimeMessage { Subject = digest.Subject };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(digest.Owner));
        message.Body = new BodyBuilder { TextBody = DigestRenderer.Text(digest), HtmlBody = DigestRenderer.Html(digest) }.ToMessageBody();
        using var smtp = new SmtpClient { Timeout = 30_000 };
        try
        {
            await smtp.ConnectAsync(settings.Host, settings.Port, settings.Security switch
            {
                "none" => SecureSocketOptions.None,
                "tls" => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            }, cancellationToken);
            if (settings.Username is not null) await smtp.AuthenticateAsync(settings.Username, settings.Password ?? "", cancellationToken);
            await smtp.SendAsync(message, cancellationToken);
            await smtp.DisconnectAsync(true, cancellationToken);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or MailKit.CommandException or MailKit.ProtocolException
            or AuthenticationException)
        {
            throw new NotificationException($"SMTP {settings.Host}:{settings.Port} failed ({e.GetType().Name})", e);
        }
    }
}
