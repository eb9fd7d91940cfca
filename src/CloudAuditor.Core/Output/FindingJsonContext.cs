using System.Text.Json.Serialization;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.State;

namespace CloudAuditor.Core.Output;

/// <summary>
/// Serialisation code for findings, ledger records and the sweep summary generated at build time: building it by reflection at run time
/// cost every CLI run about 0.15 s before its first finding reached disk. Naming and enum spelling stay with
/// <see cref="FindingJson"/>'s options.
/// </summary>
[JsonSerializable(typeof(Finding))]
[JsonSerializable(typeof(ShardResult))]
[JsonSerializable(typeof(ChangeWindow))]
[JsonSerializable(typeof(ChangedObjects))]
[JsonSerializable(typeof(SweepSummaryDocument))]
[JsonSerializable(typeof(OcsfFinding))]
[JsonSerializable(typeof(OcsfScanActivity))]
internal sealed partial class FindingJsonContext : JsonSerializerContext;
