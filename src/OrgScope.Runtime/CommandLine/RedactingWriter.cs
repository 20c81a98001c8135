using System.IO;
using System.Text;
using OrgScope.Runtime.Connection;

namespace OrgScope.Runtime.CommandLine;

/// <summary>
/// Every byte orgscope prints goes through this writer, which masks the password: the last line of defence behind
/// messages that are built without it in the first place. The redactor is set once the connection is known.
/// </summary>
internal sealed class RedactingWriter(TextWriter inner) : TextWriter
{
    public SecretRedactor Redactor { get; set; } = SecretRedactor.None;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => inner.Write(value);

    public override void Write(string? value)
    {
        if (value is not null)
        {
            inner.Write(Redactor.Redact(value));
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => Write((value ?? "") + "\n");

    public override void WriteLine() => Write("\n");

    public override void Flush() => inner.Flush();
}
