using System.Reflection;
using System.Reflection.Emit;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.WebJobs;

namespace CloudAuditor.FunctionsHost;

/// <summary>
/// The WebJobs SDK finds functions as static methods with trigger attributes. For every timerTrigger and queueTrigger in the
/// app this emits one such method at run time, its attributes written from function.json as it stands (%SETTING% left for
/// the SDK's own name resolver), so the SDK itself resolves settings and connections, schedules, polls, retries and poisons.
/// Each method only hands its trigger value to <see cref="TriggerDispatch"/>.
/// </summary>
public static class GeneratedFunctions
{
    public static IReadOnlyList<Type> Emit(IEnumerable<FunctionDefinition> functions)
    {
        var module = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("CloudAuditor.FunctionsHost.Generated"), AssemblyBuilderAccess.Run)
            .DefineDynamicModule("Functions");
        var types = new List<Type>();
        foreach (var function in functions)
        {
            var (valueType, trigger, dispatch) = function.Trigger.Type switch
            {
                "queueTrigger" => (typeof(QueueMessage), QueueTrigger(function.Trigger), nameof(TriggerDispatch.QueueAsync)),
                "timerTrigger" => (typeof(TimerInfo), TimerTrigger(function.Trigger), nameof(TriggerDispatch.TimerAsync)),
                _ => (null, null, null),
            };
            if (valueType is null || trigger is null || dispatch is null) continue;
            var type = module.DefineType($"Functions.{function.Name}", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract);
            var method = type.DefineMethod("Run", MethodAttributes.Public | MethodAttributes.Static, typeof(Task),
                [valueType, typeof(CancellationToken)]);
            method.SetCustomAttribute(Attribute<FunctionNameAttribute>([function.Name]));
            method.DefineParameter(1, ParameterAttributes.None, function.Trigger.Name).SetCustomAttribute(trigger);
            method.DefineParameter(2, ParameterAttributes.None, "cancellationToken");
            var il = method.GetILGenerator();
            il.Emit(OpCodes.Ldstr, function.Name);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Call, typeof(TriggerDispatch).GetMethod(dispatch)!);
            il.Emit(OpCodes.Ret);
            types.Add(type.CreateType());
        }
        return types;
    }

    private static CustomAttributeBuilder QueueTrigger(FunctionBinding binding)
    {
        var queueName = binding.Property("queueName") ?? throw new AppRootException($"queueTrigger '{binding.Name}' has no queueName.");
        var connection = binding.Property("connection");
        return Attribute<QueueTriggerAttribute>([queueName], connection is null ? [] : [(nameof(QueueTriggerAttribute.Connection), connection)]);
    }

    private static CustomAttributeBuilder TimerTrigger(FunctionBinding binding)
    {
        var schedule = binding.Property("schedule") ?? throw new AppRootException($"timerTrigger '{binding.Name}' has no schedule.");
        var named = new List<(string, object)>();
        if (binding.Json["runOnStartup"]?.GetValue<bool>() is { } runOnStartup) named.Add((nameof(TimerTriggerAttribute.RunOnStartup), runOnStartup));
        if (binding.Json["useMonitor"]?.GetValue<bool>() is { } useMonitor) named.Add((nameof(TimerTriggerAttribute.UseMonitor), useMonitor));
        return Attribute<TimerTriggerAttribute>([schedule], named);
    }

    private static CustomAttributeBuilder Attribute<T>(object[] arguments, IReadOnlyList<(string Name, object Value)>? properties = null)
    {
        var constructor = typeof(T).GetConstructor([.. arguments.Select(a => a.GetType())])
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no constructor for these arguments.");
        var named = properties ?? [];
        return new CustomAttributeBuilder(constructor, arguments, [.. named.Select(p => typeof(T).GetProperty(p.Name)!)], [.. named.Select(p => p.Value)]);
    }
}
